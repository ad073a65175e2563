package org.cardsync.loadgen.sessions;

import org.cardsync.applet.CardsyncApplet;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * One terminal's card: the real applet on card-sim's jcardsim host, personalised with the file the admin API
 * answered at issuance (its keys come from there, never from an issuer master key), spoken to through protocol's
 * CardClient, as the backend's whole-flow tests' TestTerminal does.
 */
final class SimulatedCard {
    static final String AID_HEX = "f04341524453594e4301";
    private static final byte[] UNPREDICTABLE_NUMBER = Hex.decode("11223344");
    private static final byte[] NO_CHALLENGE = new byte[16];

    private final JcardsimCard card = JcardsimCard.blank().install(CardsyncApplet.class, Hex.decode(AID_HEX));
    private final CardClient client = new CardClient(card);

    /** Selects the application and runs the PERSONALISE APDU of the personalisation file, as it is. */
    SimulatedCard(String personalisationApduHex) {
        expectOk(client.select(Hex.decode(AID_HEX)), "SELECT");
        expectOk(ResponseApdu.of(card.transmit(Hex.decode(personalisationApduHex))), "PERSONALISE");
    }

    /** The signed REQUEST (SYNC, no amount) that opens a session; its hex. */
    String request() {
        return expectOk(client.request(TransactionType.SYNC, 0, UNPREDICTABLE_NUMBER, NO_CHALLENGE), "REQUEST").dataHex();
    }

    /** Runs one EXECUTE APDU as the backend wrote it, unparsed, as a terminal relays it. */
    void execute(String apduHex) {
        expectOk(ResponseApdu.of(card.transmit(Hex.decode(apduHex))), "EXECUTE");
    }

    /** The signed ACK that closes a session; its hex. */
    String ack() {
        return expectOk(client.ack(), "ACK").dataHex();
    }

    private static ResponseApdu expectOk(ResponseApdu response, String command) {
        if (!response.isOk()) {
            throw new SessionFailure("the card answered " + command + " with " + response.swHex());
        }
        return response;
    }
}
