package org.cardsync.agent.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Socket addresses written the way netstat and lsof write them: {@code 127.0.0.1:5000}, {@code [::1]:5000}. */
final class SocketNames {

    private SocketNames() {
    }

    static String name(InetSocketAddress address) {
        return hostForTools(address) + ":" + address.getPort();
    }

    static String hostForTools(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)).replace("0:0:0:0:0:0:0:1", "::1") + "]";
        }
        return host;
    }
}
