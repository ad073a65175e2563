package org.cardsync.backend.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.cardsim.tearing.TearingCard;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * The card of one schedule: the real applet on card-sim's jcardsim host, under the tearing harness (card-sim's
 * {@link TearingCard}, Java Card transaction semantics, power cut at the k-th persistent write), spoken to through
 * protocol's {@link CardClient} (the one card client). Signing answers the message's hex, or empty when the card
 * refuses (an ACK after a pull: the session is gone) or loses power inside the command.
 */
final class ScheduleCard {
    static final String AID_HEX = "f04341524453594e4301";
    /** What {@link #execute} answers for a command that lost power before it could answer. */
    static final int CUT = -2;
    private static final byte[] AID = Hex.decode(AID_HEX);

    private final TearingCard card = TearingCard.install(CardsyncApplet.class.getName(),
            CardsyncApplet.class.getPackageName(), AID);
    private final CardClient client = new CardClient(card);
    private boolean lastCommandCut;
    private int writesOfLastCommand;

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

    /**
     * Signs a REQUEST, ACK or INFO; with {@code cutAtWrite} &gt; 0 the power fails before that persistent write of
     * the command (if it writes that often), and the terminal selects the card again after the reset.
     */
    Optional<String> sign(String message, int cutAtWrite) {
        arm(cutAtWrite);
        try {
            Optional<String> signed = sign(message);
            noteWrites();
            return signed;
        } catch (ApduTransportException e) {
            noteWrites();
            select();
            return Optional.empty();
        }
    }

    private Optional<String> sign(String message) {
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

    /**
     * Sends one EXECUTE APDU as the backend wrote it; the card's status word, {@link #CUT} if the power failed
     * before persistent write {@code cutAtWrite} (&gt; 0; the card is then selected again), -1 if the reader
     * refused the bytes.
     */
    int execute(String apduHex, int cutAtWrite) {
        arm(cutAtWrite);
        try {
            int sw = ResponseApdu.of(card.transmit(Hex.decode(apduHex))).sw();
            noteWrites();
            return sw;
        } catch (ApduTransportException e) {
            noteWrites();
            if (lastCommandCut) {
                select();
                return CUT;
            }
            return -1;
        }
    }

    /** Keeps what the harness says of the command just sent, before a SELECT after a cut overwrites it. */
    private void noteWrites() {
        lastCommandCut = card.lastCommandCut();
        writesOfLastCommand = card.writesOfLastCommand();
    }

    private void arm(int cutAtWrite) {
        if (cutAtWrite > 0) {
            card.cutPowerAtWrite(cutAtWrite);
        }
    }

    /** Whether the last message or command lost power; how many persistent writes it made (before the cut, if cut). */
    boolean lastCommandCut() {
        return lastCommandCut;
    }

    int writesOfLastCommand() {
        return writesOfLastCommand;
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
