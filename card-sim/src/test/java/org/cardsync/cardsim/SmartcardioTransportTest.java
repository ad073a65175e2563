package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import javacard.framework.AID;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.protocol.LifeCycleState;
import org.junit.jupiter.api.Test;

/** CardSession over javax.smartcardio, here jcardsim's PC/SC terminal, as the bridge agent would use it. */
class SmartcardioTransportTest {

    @Test
    void cardSession_overAPcscChannel_drivesTheApplet() throws Exception {
        CardSimulator simulator = new CardSimulator();
        byte[] aid = DemoIssuer.APPLICATION.aid();
        byte[] installParameters = new byte[aid.length + 1];
        installParameters[0] = (byte) aid.length;
        System.arraycopy(aid, 0, installParameters, 1, aid.length);
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), CardsyncApplet.class,
                installParameters, (short) 0, (byte) installParameters.length);
        CardTerminal terminal = CardTerminalSimulator.terminal(simulator);
        Card card = terminal.connect("T=1");
        try {
            CardSession session = new CardSession(ApduTransport.of(card.getBasicChannel()));

            DemoIssuer.personalise(session);

            assertThat(session.status().state()).isEqualTo(LifeCycleState.ACTIVE);
            assertThat(session.readParameter(3).dataHex()).isEqualTo("68656c6c6f");
        } finally {
            card.disconnect(false);
        }
    }
}
