package org.cardsync.backend.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client's address, for throttling. Behind a reverse proxy it is the proxy's unless Quarkus is told to trust
 * the proxy's X-Forwarded-For (quarkus.http.proxy.*, docs/api.md): only then does Vert.x report the forwarded one,
 * so a client cannot pick its own address by sending the header. Quarkus takes the header's first entry, which the
 * client writes unless the proxy overwrites the header (nginx: {@code proxy_set_header X-Forwarded-For
 * $remote_addr}), so a proxy that appends lets every client choose a fresh address per request.
 */
public final class ClientAddress {
    private static final int IPV6_PREFIX_BYTES = 8;
    private static final int IPV6_NETWORK_BYTES = 6;

    private ClientAddress() {
    }

    /** The throttling key of the caller: its IPv4 address, or the /64 network of its IPv6 address. */
    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : group(remote.hostAddress());
    }

    /**
     * The network of a throttling key ({@link #of}): the /24 of an IPv4 address, the /48 of an IPv6 /64. One host or
     * one subscriber easily holds many keys of one network (an ISP hands a home a /56 or /48: 256 to 65,536 /64s),
     * so a bound per key alone lets it take a share of a global bound hundreds of times larger.
     */
    public static String networkOf(String clientKey) {
        try {
            if (clientKey.indexOf(':') >= 0) {
                String address = clientKey.endsWith("/64") ? clientKey.substring(0, clientKey.length() - 3) : clientKey;
                byte[] network = Arrays.copyOf(InetAddress.getByName(address).getAddress(), 16);
                Arrays.fill(network, IPV6_NETWORK_BYTES, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/48";
            }
            if (clientKey.chars().filter(c -> c == '.').count() == 3 && clientKey.matches("[0-9.]+")) {
                return clientKey.substring(0, clientKey.lastIndexOf('.')) + ".0/24";
            }
        } catch (UnknownHostException e) {
            return clientKey;
        }
        return clientKey; // "unknown": all of its kind are one network
    }

    /**
     * An IPv6 client is counted by its /64: one subscriber usually gets a whole /64 and can use any of its 2^64
     * addresses, so counting single addresses would give that client an unlimited number of fresh allowances.
     */
    static String group(String hostAddress) {
        if (hostAddress.indexOf(':') < 0) {
            return hostAddress;
        }
        try {
            // a literal with ':' is parsed as IPv6, never looked up in DNS
            InetAddress address = InetAddress.getByName(hostAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, IPV6_PREFIX_BYTES, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return hostAddress;
        }
    }
}
