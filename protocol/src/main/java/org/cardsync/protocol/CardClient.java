package org.cardsync.protocol;

import java.util.Objects;

import org.cardsync.protocol.apdu.ApduTransport;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * The Java client of the card protocol: the typed commands of docs/protocol.md section 2 over any
 * {@link ApduTransport} (a simulated card on jcardsim, a PC/SC channel, anything that moves APDUs).
 *
 * <p>Every command returns the card's {@link ResponseApdu} as it is: a refusal (any status word but
 * 9000) is an answer, not an exception. Only {@link #status()} and {@link #signedMessage} interpret the
 * answer, and say so. The client keeps no state of its own; it is as thread-safe as its transport.
 */
public final class CardClient {

    private final ApduTransport transport;

    public CardClient(ApduTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Sends any command APDU. */
    public ResponseApdu transmit(CommandApdu command) {
        return transport.transmit(command);
    }

    /** SELECT by AID ({@code 00 A4 04 00}). */
    public ResponseApdu select(byte[] aid) {
        return transmit(CardCommands.select(aid));
    }

    /** PERSONALISE ({@code 80 10 00 00}); an extended-length APDU if the record is over 255 bytes. */
    public ResponseApdu personalise(Personalisation personalisation) {
        return transmit(CardCommands.personalise(personalisation));
    }

    /** PERSONALISE with an already encoded record. */
    public ResponseApdu personalise(byte[] record) {
        return transmit(CardCommands.personalise(record));
    }

    /** GET STATUS ({@code 80 30 00 00}), the raw answer. */
    public ResponseApdu getStatus() {
        return transmit(CardCommands.getStatus());
    }

    /**
     * GET STATUS, parsed.
     *
     * @throws IllegalStateException if the card does not answer 9000 (for instance, nothing selected)
     */
    public CardStatus status() {
        ResponseApdu response = getStatus();
        if (!response.isOk()) {
            throw new IllegalStateException("GET STATUS answered " + response.swHex());
        }
        return CardStatus.parse(response.data());
    }

    /** READ PARAMETER ({@code 80 32 0s 00}). */
    public ResponseApdu readParameter(int slot) {
        return transmit(CardCommands.readParameter(slot));
    }

    /** VERIFY PIN ({@code 00 20 00 80}) with the PIN's bytes. */
    public ResponseApdu verifyPin(byte[] pin) {
        return transmit(CardCommands.verifyPin(pin));
    }

    /** VERIFY PIN with the PIN as characters (ASCII). */
    public ResponseApdu verifyPin(String pin) {
        return transmit(CardCommands.verifyPin(pin));
    }

    /** REQUEST ({@code 80 40 00 00}); the answer's data is the signed REQUEST ({@link #signedMessage}). */
    public ResponseApdu request(TransactionType type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        return transmit(CardCommands.request(type, amount, unpredictableNumber, challenge));
    }

    /** EXECUTE ({@code 80 42 00 00}) one script command, as the server sent it. */
    public ResponseApdu execute(byte[] scriptCommandData) {
        return transmit(CardCommands.execute(scriptCommandData));
    }

    /** ACK ({@code 80 44 00 00}); the answer's data is the signed ACK. */
    public ResponseApdu ack() {
        return transmit(CardCommands.ack());
    }

    /** INFO ({@code 80 46 00 00}); the answer's data is the signed INFO. */
    public ResponseApdu info() {
        return transmit(CardCommands.info());
    }

    /**
     * The answer to REQUEST, ACK or INFO parsed as a signed card message. Parsing does not verify the
     * MAC: call {@link UpstreamMessage#verify(byte[])} with the card application's K_UP.
     *
     * @throws IllegalStateException if the status word is not 9000
     * @throws ProtocolException     if the data is not a message of section 5
     */
    public static UpstreamMessage signedMessage(ResponseApdu response) {
        if (!response.isOk()) {
            throw new IllegalStateException("no message: the card answered " + response.swHex());
        }
        return UpstreamMessage.parse(response.data());
    }
}
