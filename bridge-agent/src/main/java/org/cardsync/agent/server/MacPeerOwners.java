package org.cardsync.agent.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * macOS has no /proc; {@code lsof} lists the TCP sockets of the processes the agent's user may inspect,
 * with each process's uid. An unprivileged user sees only their own processes, so a peer of another
 * account is simply not found, and not found means refused.
 *
 * <p>{@code lsof -nP -iTCP@HOST:PORT -sTCP:ESTABLISHED -F pun} prints, per process, {@code p<pid>},
 * {@code u<uid>}, then {@code n<local>-><remote>} for each matching socket.
 */
final class MacPeerOwners implements PeerOwners {

    private final CommandRunner runner;
    private final String ownUid;

    MacPeerOwners(CommandRunner runner) {
        this(runner, ownUid(runner));
    }

    MacPeerOwners(CommandRunner runner, String ownUid) {
        this.runner = runner;
        this.ownUid = ownUid;
    }

    private static String ownUid(CommandRunner runner) {
        try {
            return runner.run(List.of("id", "-u")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Verdict check(InetSocketAddress peer, InetSocketAddress local) {
        if (ownUid == null || ownUid.isEmpty()) {
            return Verdict.refuse("cannot read the agent's own uid (id -u failed): fail closed");
        }
        String out;
        try {
            out = runner.run(List.of("lsof", "-nP", "-iTCP@" + SocketNames.hostForTools(peer) + ":"
                    + peer.getPort(), "-sTCP:ESTABLISHED", "-F", "pun"));
        } catch (IOException e) {
            return Verdict.refuse("lsof failed (" + e.getMessage() + "): fail closed");
        }
        String wanted = SocketNames.name(peer) + "->" + SocketNames.name(local);
        String uid = null;
        for (String line : out.split("\\R")) {
            if (line.startsWith("p")) {
                uid = null;
            } else if (line.startsWith("u")) {
                uid = line.substring(1);
            } else if (line.startsWith("n") && line.substring(1).equals(wanted)) {
                return ownUid.equals(uid)
                        ? Verdict.same("peer uid " + uid + " is the agent's")
                        : Verdict.refuse("the peer socket belongs to uid " + uid + ", not to the agent's uid "
                                + ownUid + " (another OS user)");
            }
        }
        return Verdict.refuse("the peer socket " + wanted + " is not among this user's processes"
                + " (another OS user, or gone): fail closed");
    }
}
