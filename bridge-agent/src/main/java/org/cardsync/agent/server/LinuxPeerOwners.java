package org.cardsync.agent.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Linux: the kernel lists every TCP socket with its owner's uid in {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}. The peer's socket is the row whose local address is our remote address and
 * whose remote address is our local one; its uid must be ours.
 */
final class LinuxPeerOwners implements PeerOwners {

    private final List<Path> tables;
    private final long ownUid;
    private final ByteOrder kernelOrder;

    LinuxPeerOwners(List<Path> tables, long ownUid, ByteOrder kernelOrder) {
        this.tables = List.copyOf(tables);
        this.ownUid = ownUid;
        this.kernelOrder = kernelOrder;
    }

    static PeerOwners forThisProcess() {
        long uid;
        try {
            uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return (peer, local) -> Verdict.refuse("cannot read the agent's own uid (" + e.getMessage()
                    + "): refusing every connection (fail closed)");
        }
        return new LinuxPeerOwners(List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")), uid,
                ByteOrder.nativeOrder());
    }

    @Override
    public Verdict check(InetSocketAddress peer, InetSocketAddress local) {
        for (Path table : tables) {
            String text;
            try {
                text = Files.readString(table, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue; // no IPv6 in this kernel: no tcp6 file
            }
            Long uid = ownerIn(text, peer, local);
            if (uid != null) {
                return uid == ownUid
                        ? Verdict.same("peer uid " + uid + " is the agent's")
                        : Verdict.refuse("the peer socket belongs to uid " + uid + ", not to the agent's uid "
                                + ownUid + " (another OS user)");
            }
        }
        return Verdict.refuse("the peer socket " + peer + " is not in /proc/net/tcp or tcp6 (fail closed)");
    }

    /** The uid of the row for the peer's socket in one table's text, or null when there is none. */
    Long ownerIn(String table, InetSocketAddress peer, InetSocketAddress local) {
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            if (matches(f[1], peer) && matches(f[2], local)) {
                try {
                    return Long.parseLong(f[7]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code ADDR:PORT} in the kernel's notation: the address as 32-bit words in host order, the port in hex. */
    private boolean matches(String field, InetSocketAddress expected) {
        int colon = field.indexOf(':');
        if (colon < 0 || expected.getAddress() == null) {
            return false;
        }
        try {
            int port = Integer.parseInt(field.substring(colon + 1), 16);
            return port == expected.getPort() && decode(field.substring(0, colon)).equals(expected.getAddress());
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private InetAddress decode(String hex) throws UnknownHostException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (kernelOrder == ByteOrder.LITTLE_ENDIAN) {
            for (int w = 0; w + 4 <= bytes.length; w += 4) {
                byte b0 = bytes[w];
                byte b1 = bytes[w + 1];
                bytes[w] = bytes[w + 3];
                bytes[w + 1] = bytes[w + 2];
                bytes[w + 2] = b1;
                bytes[w + 3] = b0;
            }
        }
        return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as IPv4
    }
}
