package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Test;

/**
 * protocol's CardClient over javax.smartcardio, here a JcardsimCard's PC/SC terminal: the JDK's PC/SC
 * stack takes our command APDUs as they are, as a real reader's channel would.
 */
class SmartcardioTransportTest {

    @Test
    void cardClient_overAPcscChannel_reachesTheApplet() throws Exception {
        JcardsimCard host = JcardsimCard.blank().install(CounterApplet.class, JcardsimCardTest.AID);
        Card card = host.terminal().connect("T=1");
        try {
            CardChannel channel = card.getBasicChannel();
            CardClient client = new CardClient(command -> {
                try {
                    return ResponseApdu.of(channel.transmit(new CommandAPDU(command.bytes())).getBytes());
                } catch (CardException e) {
                    throw new ApduTransportException("card channel failed", e);
                }
            });

            assertThat(client.select(JcardsimCardTest.AID).isOk()).isTrue();
            assertThat(client.transmit(JcardsimCardTest.increment("01")).isOk()).isTrue();
            assertThat(client.transmit(JcardsimCardTest.READ).dataHex()).isEqualTo("000100");
        } finally {
            card.disconnect(false);
        }
    }
}
