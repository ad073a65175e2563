package org.cardsync.cardsim;

import java.util.Objects;

import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.TransactionType;

/**
 * Typed card commands (docs/protocol.md section 2) over an {@link ApduTransport}: a {@link SimulatedCard},
 * a PC/SC channel ({@link ApduTransport#of}), or anything that moves APDUs.
 *
 * <p>Every command returns the card's {@link CardResponse} as it is: a refusal (any status word but
 * 9000) is an answer, not an exception. Only {@link #status()} interprets the answer, and says so. The
 * session keeps no state of its own; it is as thread-safe as its transport.
 */
public final class CardSession {

    private final ApduTransport transport;

    public CardSession(ApduTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Sends any command APDU. */
    public CardResponse transmit(byte[] commandApdu) {
        return CardResponse.of(transport.transmit(commandApdu));
    }

    /** SELECT by AID ({@code 00 A4 04 00}). */
    public CardResponse select(byte[] aid) {
        return transmit(CardCommands.select(aid));
    }

    /** PERSONALISE ({@code 80 10 00 00}); an extended-length APDU if the record is over 255 bytes. */
    public CardResponse personalise(Personalisation personalisation) {
        return transmit(CardCommands.personalise(personalisation));
    }

    /** PERSONALISE with an already encoded record. */
    public CardResponse personalise(byte[] record) {
        return transmit(CardCommands.personalise(record));
    }

    /** GET STATUS ({@code 80 30 00 00}), the raw answer. */
    public CardResponse getStatus() {
        return transmit(CardCommands.getStatus());
    }

    /**
     * GET STATUS, parsed.
     *
     * @throws IllegalStateException if the card does not answer 9000 (for instance, nothing selected)
     */
    public CardStatus status() {
        CardResponse response = getStatus();
        if (!response.isOk()) {
            throw new IllegalStateException("GET STATUS answered " + response.swHex());
        }
        return CardStatus.parse(response.data());
    }

    /** READ PARAMETER ({@code 80 32 0s 00}). */
    public CardResponse readParameter(int slot) {
        return transmit(CardCommands.readParameter(slot));
    }

    /** VERIFY PIN ({@code 00 20 00 80}) with the PIN's bytes. */
    public CardResponse verifyPin(byte[] pin) {
        return transmit(CardCommands.verifyPin(pin));
    }

    /** VERIFY PIN with the PIN as characters (ASCII). */
    public CardResponse verifyPin(String pin) {
        return transmit(CardCommands.verifyPin(pin));
    }

    /** REQUEST ({@code 80 40 00 00}); the answer's data is the signed REQUEST ({@link CardResponse#message()}). */
    public CardResponse request(TransactionType type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        return transmit(CardCommands.request(type, amount, unpredictableNumber, challenge));
    }

    /** EXECUTE ({@code 80 42 00 00}) one script command, as the server sent it. */
    public CardResponse execute(byte[] scriptCommandData) {
        return transmit(CardCommands.execute(scriptCommandData));
    }

    /** ACK ({@code 80 44 00 00}); the answer's data is the signed ACK. */
    public CardResponse ack() {
        return transmit(CardCommands.ack());
    }

    /** INFO ({@code 80 46 00 00}); the answer's data is the signed INFO. */
    public CardResponse info() {
        return transmit(CardCommands.info());
    }
}
