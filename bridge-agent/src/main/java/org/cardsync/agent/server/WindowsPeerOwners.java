package org.cardsync.agent.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Windows: {@code GetExtendedTcpTable} gives each TCP socket's process, and the process's token its user,
 * but Java 17 cannot call either without native code. The same facts come from two tools every Windows
 * has: {@code netstat -ano -p TCP} / {@code -p TCPv6} (socket → PID) and
 * {@code tasklist /v /fo csv /nh /fi "PID eq N"} (PID → {@code DOMAIN\\user}, compared whole, ignoring case,
 * with the agent's own {@code %USERDOMAIN%\\%USERNAME%}). A non-administrator sees "N/A" as
 * the user of another account's process: not the agent's user, so refused.
 */
final class WindowsPeerOwners implements PeerOwners {

    private final CommandRunner runner;
    private final String ownUser;

    /** @param ownUser the agent's account as tasklist names it, {@code DOMAIN\\user} */
    WindowsPeerOwners(CommandRunner runner, String ownUser) {
        this.runner = runner;
        this.ownUser = ownUser;
    }

    @Override
    public Verdict check(InetSocketAddress peer, InetSocketAddress local) {
        if (ownUser.indexOf('\\') <= 0 || ownUser.endsWith("\\")) {
            return Verdict.refuse("the agent's own DOMAIN\\user is unknown: fail closed");
        }
        String pid;
        String user;
        try {
            String protocol = peer.getAddress() instanceof java.net.Inet6Address ? "TCPv6" : "TCP";
            pid = pidOf(runner.run(List.of("netstat", "-ano", "-p", protocol)), peer, local);
            if (pid == null) {
                return Verdict.refuse("the peer socket " + peer + " is not in netstat's table: fail closed");
            }
            user = userOf(runner.run(List.of("tasklist", "/v", "/fo", "csv", "/nh", "/fi", "PID eq " + pid)));
        } catch (IOException e) {
            return Verdict.refuse("netstat/tasklist failed (" + e.getMessage() + "): fail closed");
        }
        if (user == null) {
            return Verdict.refuse("the user of process " + pid + " is not visible (another OS user): fail closed");
        }
        // DOMAIN\\user, not the bare name: CORP\\alice (a domain account) and PC\\alice (a local one) are two users,
        // side by side on a terminal server.
        return user.equalsIgnoreCase(ownUser)
                ? Verdict.same("peer process " + pid + " runs as the agent's user")
                : Verdict.refuse("the peer process " + pid + " runs as " + user + ", not as " + ownUser
                        + " (another OS user)");
    }

    /** The PID column of the netstat row {@code TCP peer local ESTABLISHED pid}. */
    static String pidOf(String netstat, InetSocketAddress peer, InetSocketAddress local) {
        String from = SocketNames.name(peer);
        String to = SocketNames.name(local);
        for (String line : netstat.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && f[0].startsWith("TCP") && f[1].equals(from) && f[2].equals(to)) {
                return f[4];
            }
        }
        return null;
    }

    /** The "User Name" column (the 7th) of tasklist's CSV line, or null for none or N/A. */
    static String userOf(String tasklist) {
        for (String line : tasklist.split("\\R")) {
            if (!line.startsWith("\"")) {
                continue; // "INFO: No tasks are running which match the specified criteria."
            }
            String[] f = line.substring(1, line.length() - (line.endsWith("\"") ? 1 : 0)).split("\",\"", -1);
            if (f.length >= 7 && !f[6].isEmpty() && !"N/A".equalsIgnoreCase(f[6])) {
                return f[6];
            }
            return null;
        }
        return null;
    }
}
