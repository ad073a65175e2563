package org.cardsync.backend.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * The card of one schedule: the real applet on card-sim's jcardsim host, spoken to through protocol's
 * {@link CardClient} (the one card client). Signing answers the message's hex, or empty when the card refuses
 * (for instance an ACK after a pull: the session is gone).
 */
final class ScheduleCard {
    static final String AID_HEX = "f04341524453594e4301";
    private static final byte[] AID = Hex.decode(AID_HEX);

    private final JcardsimCard card = JcardsimCard.blank().install(CardsyncApplet.class, AID);
    private final CardClient client = new CardClient(card);

    /** Personalises the card with the PERSONALISE APDU of the issuer's personalisation file. */
    ScheduleCard(String personalisationApdu) {
        select();
        int sw = ResponseApdu.of(card.transmit(Hex.decode(personalisationApdu))).sw();
        if (sw != 0x9000) {
            throw new IllegalStateException("PERSONALISE answered " + Integer.toHexString(sw));
        }
    }

    void select() {
        int sw = client.select(AID).sw();
        if (sw != 0x9000) {
            throw new IllegalStateException("SELECT answered " + Integer.toHexString(sw));
        }
    }

    Optional<String> request() {
        return signed(client.request(TransactionType.SYNC, 0, Hex.decode("11223344"), new byte[16]));
    }

    Optional<String> ack() {
        return signed(client.ack());
    }

    Optional<String> info() {
        return signed(client.info());
    }

    Optional<String> sign(String message) {
        return switch (message) {
            case "REQUEST" -> request();
            case "ACK" -> ack();
            case "INFO" -> info();
            default -> throw new IllegalArgumentException(message);
        };
    }

    private static Optional<String> signed(ResponseApdu r) {
        return r.isOk() ? Optional.of(r.dataHex()) : Optional.empty();
    }

    /** Sends one EXECUTE APDU as the backend wrote it; the card's status word. */
    int execute(String apduHex) {
        try {
            return ResponseApdu.of(card.transmit(Hex.decode(apduHex))).sw();
        } catch (ApduTransportException e) {
            return -1;
        }
    }

    /** Pulled out and put back between two APDUs, then selected again, as a terminal does. */
    void pull() {
        card.removeAndReinsert();
        select();
    }

    CardStatus status() {
        return client.status();
    }

    /** The values of parameter slots 0 to 7 (READ PARAMETER), hex. */
    List<String> parameters() {
        List<String> values = new ArrayList<>();
        for (int slot = 0; slot < 8; slot++) {
            ResponseApdu r = client.readParameter(slot);
            values.add(r.isOk() ? r.dataHex() : "SW " + r.swHex());
        }
        return values;
    }
}
