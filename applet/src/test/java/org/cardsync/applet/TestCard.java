package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.smartcardio.CardSimulator;
import javacard.framework.AID;
import javacard.framework.JCSystem;
import org.cardsync.protocol.Hex;

/**
 * A jcardsim card with {@link CardsyncApplet} installed at one or more AIDs, as a GlobalPlatform card
 * manager would install it: install parameters = Li, instance AID.
 *
 * <p>The applet's own test harness, not card-sim's {@code SimulatedCard}: card-sim depends on the
 * applet's main artifact, so the applet's tests cannot depend on card-sim without a Maven cycle.
 *
 * <p>After every command it checks that no Java Card transaction was left open: jcardsim neither
 * aborts one nor complains, so this is where a handler that threw inside its transaction shows up.
 */
final class TestCard {

    private final CardSimulator simulator = new CardSimulator();

    TestCard(byte[]... aids) {
        for (byte[] aid : aids) {
            byte[] installParameters = new byte[aid.length + 1];
            installParameters[0] = (byte) aid.length;
            System.arraycopy(aid, 0, installParameters, 1, aid.length);
            simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), CardsyncApplet.class,
                    installParameters, (short) 0, (byte) installParameters.length);
        }
    }

    Response send(byte[] commandApdu) {
        byte[] response = simulator.transmitCommand(commandApdu);
        assertThat(JCSystem.getTransactionDepth())
                .as("transaction depth after %s", Hex.encode(commandApdu))
                .isZero();
        return Response.of(response);
    }

    Response send(String commandApduHex) {
        return send(Hex.decode(commandApduHex));
    }

    /**
     * Card pulled out and put back between two APDUs: jcardsim's reset clears CLEAR_ON_RESET and
     * CLEAR_ON_DESELECT memory and deselects; persistent state stays. (It does not model power loss
     * inside an APDU.)
     */
    void removeAndReinsert() {
        simulator.reset();
    }
}
