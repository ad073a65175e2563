package org.cardsync.agent.server;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Who owns the other end of a loopback TCP connection: the agent serves only the OS user it runs as.
 *
 * <p>The attack this stops: on a shared PC (SSH, terminal server, a second desktop session), a process of
 * <em>another</em> account connects to the agent's loopback port with a forged {@code Origin} of an
 * allowed site and reaches this user's card (a PIN try used up, the card pulled). A browser sets Origin,
 * other programs can write anything; only the kernel knows who owns the socket.
 *
 * <p>Every implementation fails closed: when the owner cannot be found out, the answer is "refuse".
 */
public interface PeerOwners {

    /** The answer for one connection; {@code reason} goes to the log and names no secret. */
    record Verdict(boolean sameUser, String reason) {

        static Verdict same(String how) {
            return new Verdict(true, how);
        }

        static Verdict refuse(String why) {
            return new Verdict(false, why);
        }
    }

    /**
     * Looks up the owner of the socket at {@code peer} (the client's end) connected to {@code local} (our
     * end). Blocking (reads files or runs a helper program): call it off the event loop.
     */
    Verdict check(InetSocketAddress peer, InetSocketAddress local);

    /** The way this OS allows, or one that refuses everything on an OS the agent does not know. */
    static PeerOwners forThisSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return LinuxPeerOwners.forThisProcess();
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return new MacPeerOwners(CommandRunner.SYSTEM);
        }
        if (os.contains("windows")) {
            String domain = System.getenv().getOrDefault("USERDOMAIN", "");
            String user = System.getenv().getOrDefault("USERNAME", "");
            return new WindowsPeerOwners(CommandRunner.SYSTEM, domain + "\\" + user);
        }
        return (peer, local) -> Verdict.refuse("cannot tell who owns connections on " + os
                + ": refusing every connection (fail closed)");
    }
}
