package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vpcd card host against a stand-in for vpcd: a loopback server speaking vpcd's framing (2-byte
 * big-endian length, then the payload; a 1-byte payload is a control, 4 asks for the ATR).
 */
class VpcdCardHostTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int GET_ATR = 4;

    @TempDir
    Path stateDir;

    @Test
    void malformedApduFromPcscd_isAnsweredWrongLength_andTheCardStaysInTheReader() throws Exception {
        try (SimulatedCard card = TestCards.open(stateDir);
                ServerSocket vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VpcdCardHost host = new VpcdCardHost(card, "127.0.0.1", vpcd.getLocalPort(), false);
            host.start();
            try (Socket s = vpcd.accept()) {
                s.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());

                // Lc says 2 data bytes, 1 follows: no well-formed APDU (ISO/IEC 7816-4 short case 3)
                assertThat(exchange(in, out, HEX.parseHex("8004000002AA"))).isEqualTo("6700");

                // still served: the ATR, then a whole command on the same connection
                assertThat(exchange(in, out, new byte[] {GET_ATR})).isEqualTo(HEX.formatHex(card.atr()));
                assertThat(exchange(in, out, HEX.parseHex(TestCards.selectApdu()))).isEqualTo("9000");
                assertThat(host.isConnected()).isTrue();
            } finally {
                host.close();
            }
        }
    }

    private static String exchange(DataInputStream in, DataOutputStream out, byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
        byte[] answer = new byte[in.readUnsignedShort()];
        in.readFully(answer);
        return HEX.formatHex(answer);
    }
}
