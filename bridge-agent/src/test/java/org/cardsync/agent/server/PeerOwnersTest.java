package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer owner lookups of each OS on outputs captured from the real tools: an agent of uid 1000 on
 * port 24511 (0x5FBF), a page's socket at port 51234 (0xC822) owned by 1000 or by another user.
 */
class PeerOwnersTest {

    @TempDir
    Path dir;

    private static final InetSocketAddress AGENT_V4 = at("127.0.0.1", 24511);
    private static final InetSocketAddress PAGE_V4 = at("127.0.0.1", 51234);
    private static final InetSocketAddress AGENT_V6 = at("::1", 24511);
    private static final InetSocketAddress PAGE_V6 = at("::1", 51234);

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    // The agent's own socket (uid 1000) is listed too, with the addresses the other way round: it must
    // not be taken for the page's.
    private static String tcp(int pageUid) {
        return HEADER
                + "   0: 0100007F:5FBF 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1052 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:5FBF 0100007F:C822 01 00000000:00000000 00:00000000 00000000  1000        0 4393 1 0 20 4 30 10 -1\n"
                + "   2: 0100007F:C822 0100007F:5FBF 01 00000000:00000000 00:00000000 00000000  " + pageUid
                + "        0 4394 1 0 20 4 30 10 -1\n";
    }

    private static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @Test
    void linux_peerOfTheSameUid_isServed() throws IOException {
        assertThat(linux(tcp(1000), TCP6_HEADER).check(PAGE_V4, AGENT_V4).sameUser()).isTrue();
    }

    @Test
    void linux_peerOfAnotherUid_isRefused() throws IOException {
        PeerOwners.Verdict verdict = linux(tcp(1001), TCP6_HEADER).check(PAGE_V4, AGENT_V4);
        assertThat(verdict.sameUser()).isFalse();
        assertThat(verdict.reason()).contains("uid 1001");
    }

    @Test
    void linux_peerNotInTheTables_isRefused() throws IOException {
        assertThat(linux(tcp(1000), TCP6_HEADER).check(at("127.0.0.1", 40000), AGENT_V4).sameUser()).isFalse();
    }

    @Test
    void linux_ipv6Loopback_isLookedUpInTcp6() throws IOException {
        String tcp6 = TCP6_HEADER
                + "   0: 00000000000000000000000001000000:5FBF 00000000000000000000000001000000:C822 01"
                + " 00000000:00000000 00:00000000 00000000  1000        0 1 1 0 20 4 30 10 -1\n"
                + "   1: 00000000000000000000000001000000:C822 00000000000000000000000001000000:5FBF 01"
                + " 00000000:00000000 00:00000000 00000000  1002        0 2 1 0 20 4 30 10 -1\n";
        PeerOwners.Verdict verdict = linux(HEADER, tcp6).check(PAGE_V6, AGENT_V6);
        assertThat(verdict.sameUser()).isFalse();
        assertThat(verdict.reason()).contains("uid 1002");
    }

    @Test
    void linux_ipv4MappedRowsInTcp6_matchAnIpv4Peer() throws IOException {
        String tcp6 = TCP6_HEADER
                + "   1: 0000000000000000FFFF00000100007F:C822 0000000000000000FFFF00000100007F:5FBF 01"
                + " 00000000:00000000 00:00000000 00000000  1000        0 2 1 0 20 4 30 10 -1\n";
        assertThat(linux(HEADER, tcp6).check(PAGE_V4, AGENT_V4).sameUser()).isTrue();
    }

    @Test
    void linux_unreadableTables_failClosed() {
        LinuxPeerOwners owners = new LinuxPeerOwners(List.of(dir.resolve("missing")), 1000, ByteOrder.LITTLE_ENDIAN);
        assertThat(owners.check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
    }

    @Test
    void linux_thisProcessesOwnConnection_isServed() throws IOException {
        // The real /proc of this machine: a connection from this JVM to itself has our uid at both ends.
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            PeerOwners.Verdict verdict = LinuxPeerOwners.forThisProcess().check(
                    (InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress());
            assertThat(verdict.sameUser()).as(verdict.reason()).isTrue();
        }
    }

    // lsof -nP -iTCP@127.0.0.1:51234 -sTCP:ESTABLISHED -F pun, as the user (macOS 14): the agent's own
    // process lists the connection from its side; the page's process (Chrome) from the other.
    private static final String LSOF = "p812\nu501\nn127.0.0.1:24511->127.0.0.1:51234\n"
            + "p977\nu501\nn127.0.0.1:51234->127.0.0.1:24511\n";

    @Test
    void mac_peerProcessOfTheUser_isServed() {
        assertThat(new MacPeerOwners(cmd -> LSOF, "501").check(PAGE_V4, AGENT_V4).sameUser()).isTrue();
    }

    @Test
    void mac_peerNotAmongTheUsersProcesses_isRefused() {
        // Another account's process is invisible to an unprivileged lsof: only the agent's side is listed.
        String onlyOurSide = "p812\nu501\nn127.0.0.1:24511->127.0.0.1:51234\n";
        assertThat(new MacPeerOwners(cmd -> onlyOurSide, "501").check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
    }

    @Test
    void mac_peerOfAnotherUidSeenByAPrivilegedAgent_isRefused() {
        String other = "p812\nu501\nn[::1]:24511->[::1]:51234\np977\nu502\nn[::1]:51234->[::1]:24511\n";
        assertThat(new MacPeerOwners(cmd -> other, "501").check(PAGE_V6, AGENT_V6).sameUser()).isFalse();
        assertThat(new MacPeerOwners(cmd -> other, "502").check(PAGE_V6, AGENT_V6).sameUser()).isTrue();
    }

    @Test
    void mac_lsofFailing_failsClosed() {
        assertThat(new MacPeerOwners(cmd -> {
            throw new IOException("lsof: not found");
        }, "501").check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
    }

    // netstat -ano -p TCP and tasklist /v /fo csv /nh /fi "PID eq 6140" (Windows 11, English).
    private static final String NETSTAT = "\r\nActive Connections\r\n\r\n"
            + "  Proto  Local Address          Foreign Address        State           PID\r\n"
            + "  TCP    127.0.0.1:24511        0.0.0.0:0              LISTENING       4312\r\n"
            + "  TCP    127.0.0.1:24511        127.0.0.1:51234        ESTABLISHED     4312\r\n"
            + "  TCP    127.0.0.1:51234        127.0.0.1:24511        ESTABLISHED     6140\r\n";
    private static final String TASKLIST_ALICE = "\"chrome.exe\",\"6140\",\"Console\",\"1\",\"182,340 K\",\"Running\","
            + "\"DESKTOP-4F2\\alice\",\"0:00:12\",\"cardsync portal - Google Chrome\"\r\n";
    private static final String TASKLIST_HIDDEN = "\"python.exe\",\"6140\",\"RDP-Tcp#3\",\"2\",\"10,120 K\",\"Unknown\","
            + "\"N/A\",\"0:00:00\",\"N/A\"\r\n";

    @Test
    void windows_peerProcessOfTheUser_isServed() {
        List<List<String>> ran = new ArrayList<>();
        PeerOwners owners = new WindowsPeerOwners(cmd -> {
            ran.add(cmd);
            return cmd.get(0).equals("netstat") ? NETSTAT : TASKLIST_ALICE;
        }, "desktop-4f2\\Alice");
        assertThat(owners.check(PAGE_V4, AGENT_V4).sameUser()).isTrue();
        assertThat(ran.get(1)).contains("PID eq 6140");
    }

    @Test
    void windows_peerProcessOfAnotherAccount_isRefused() {
        PeerOwners hidden = new WindowsPeerOwners(cmd -> cmd.get(0).equals("netstat") ? NETSTAT : TASKLIST_HIDDEN,
                "DESKTOP-4F2\\alice");
        assertThat(hidden.check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
        PeerOwners bob = new WindowsPeerOwners(cmd -> cmd.get(0).equals("netstat") ? NETSTAT
                : TASKLIST_ALICE.replace("alice", "bob"), "DESKTOP-4F2\\alice");
        assertThat(bob.check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
    }

    @Test
    void windows_sameNameInAnotherDomain_isRefused() {
        // A terminal server: the agent runs as the domain account CORP\alice, the peer as the local PC's alice.
        PeerOwners corpAlice = new WindowsPeerOwners(cmd -> cmd.get(0).equals("netstat") ? NETSTAT : TASKLIST_ALICE,
                "CORP\\alice");
        assertThat(corpAlice.check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
        PeerOwners noDomain = new WindowsPeerOwners(cmd -> cmd.get(0).equals("netstat") ? NETSTAT : TASKLIST_ALICE,
                "\\alice");
        assertThat(noDomain.check(PAGE_V4, AGENT_V4).sameUser()).isFalse();
    }

    @Test
    void aToolThatKeepsItsOutputOpen_isStoppedAfterFiveSeconds() {
        // A hung lsof/netstat must not hold the handshake (and a worker thread) for good: fail closed in time.
        assertThatThrownBy(() -> CommandRunner.SYSTEM.run(List.of("sleep", "8")))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish in 5 s");
    }

    @Test
    void windows_ipv6AndUnknownPeers() {
        String netstat6 = "  TCP    [::1]:51234            [::1]:24511            ESTABLISHED     6140\r\n";
        assertThat(WindowsPeerOwners.pidOf(netstat6, PAGE_V6, AGENT_V6)).isEqualTo("6140");
        assertThat(WindowsPeerOwners.pidOf(NETSTAT, at("127.0.0.1", 40000), AGENT_V4)).isNull();
        assertThat(WindowsPeerOwners.userOf("INFO: No tasks are running which match the specified criteria.\r\n"))
                .isNull();
    }

    private LinuxPeerOwners linux(String tcp, String tcp6) throws IOException {
        Path v4 = Files.writeString(dir.resolve("tcp"), tcp, StandardCharsets.US_ASCII);
        Path v6 = Files.writeString(dir.resolve("tcp6"), tcp6, StandardCharsets.US_ASCII);
        return new LinuxPeerOwners(List.of(v4, v6), 1000, ByteOrder.LITTLE_ENDIAN);
    }

    private static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
