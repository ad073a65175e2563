package org.cardsync.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.cardsync.protocol.apdu.CommandApdu;

/**
 * The command APDUs of docs/protocol.md section 2, byte for byte as in docs/test-vectors.json: short
 * APDUs, no Le on commands with data, Le = 00 on commands without. PERSONALISE goes as an
 * extended-length APDU when its record is longer than 255 bytes.
 */
public final class CardCommands {

    private static final int CLA_ISO = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_PERSONALISE = 0x10;
    private static final int INS_GET_STATUS = 0x30;
    private static final int INS_READ_PARAMETER = 0x32;
    private static final int INS_REQUEST = 0x40;
    private static final int INS_EXECUTE = 0x42;
    private static final int INS_ACK = 0x44;
    private static final int INS_INFO = 0x46;
    /** VERIFY's P2: the cardholder's PIN (ISO 7816-4, specific reference data). */
    private static final int P2_CARDHOLDER_PIN = 0x80;
    private static final int MAX_SHORT_DATA = 255;
    /** REQUEST's terminal unpredictable number: 4 bytes (section 4.1), echoed in the signed message. */
    public static final int UNPREDICTABLE_NUMBER_LENGTH = 4;
    /** REQUEST's server challenge: 16 bytes (section 4.1), echoed in the signed message (section 5.1). */
    public static final int CHALLENGE_LENGTH = 16;

    private CardCommands() {
    }

    /** SELECT by AID ({@code 00 A4 04 00}). */
    public static CommandApdu select(byte[] aid) {
        if (aid.length < CardApplicationId.AID_MIN || aid.length > CardApplicationId.AID_MAX) {
            throw new IllegalArgumentException("an AID is 5 to 16 bytes, not " + aid.length);
        }
        return CommandApdu.of(CLA_ISO, INS_SELECT, 0x04, 0x00, aid);
    }

    /** PERSONALISE ({@code 80 10 00 00}) with the record of section 3. */
    public static CommandApdu personalise(Personalisation personalisation) {
        return personalise(personalisation.encode());
    }

    /** PERSONALISE with a record encoded elsewhere (for example the issuance endpoint's output). */
    public static CommandApdu personalise(byte[] record) {
        return CommandApdu.of(CLA_PROPRIETARY, INS_PERSONALISE, 0, 0, record);
    }

    /** GET STATUS ({@code 80 30 00 00 00}); the answer is a {@link CardStatus}. */
    public static CommandApdu getStatus() {
        return CommandApdu.expectingData(CLA_PROPRIETARY, INS_GET_STATUS, 0, 0);
    }

    /** READ PARAMETER ({@code 80 32 0s 00 00}). */
    public static CommandApdu readParameter(int slot) {
        if (slot < 0 || slot > 0xFF) {
            throw new IllegalArgumentException("slot is one byte: " + slot);
        }
        return CommandApdu.expectingData(CLA_PROPRIETARY, INS_READ_PARAMETER, slot, 0);
    }

    /** VERIFY PIN ({@code 00 20 00 80}) with the PIN's bytes. */
    public static CommandApdu verifyPin(byte[] pin) {
        return shortWithData(CLA_ISO, INS_VERIFY, 0x00, P2_CARDHOLDER_PIN, pin);
    }

    /** VERIFY PIN with a PIN typed as characters (ASCII, as the demo PIN "1234" is stored). */
    public static CommandApdu verifyPin(String pin) {
        return verifyPin(pin.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * REQUEST ({@code 80 40 00 00}, section 4.1).
     *
     * @param amount              0 to 0xFFFFFFFF: positive for PURCHASE, 0 otherwise (the card checks)
     * @param unpredictableNumber the terminal's 4 bytes, echoed in the signed message
     * @param challenge           16 bytes: the server's challenge for AUTHENTICATE, any (zeros) otherwise
     */
    public static CommandApdu request(TransactionType type, long amount, byte[] unpredictableNumber,
                                      byte[] challenge) {
        Objects.requireNonNull(type, "type");
        if (unpredictableNumber.length != UNPREDICTABLE_NUMBER_LENGTH || challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("UN is 4 bytes and the challenge 16");
        }
        byte[] data = new Bytes.Writer().u8(type.code()).u32(amount).bytes(unpredictableNumber).bytes(challenge)
                .toByteArray();
        return shortWithData(CLA_PROPRIETARY, INS_REQUEST, 0, 0, data);
    }

    /** EXECUTE ({@code 80 42 00 00}) with one script command's data (section 6), as the server encoded it. */
    public static CommandApdu execute(byte[] scriptCommand) {
        return shortWithData(CLA_PROPRIETARY, INS_EXECUTE, 0, 0, scriptCommand);
    }

    /** Whether the command APDU {@code command} is an EXECUTE (CLA 80, INS 42), whatever its data. */
    public static boolean isExecute(byte[] command) {
        return command.length >= 4 && (command[0] & 0xFF) == CLA_PROPRIETARY && (command[1] & 0xFF) == INS_EXECUTE;
    }

    /** ACK ({@code 80 44 00 00 00}); the answer is the signed ACK. */
    public static CommandApdu ack() {
        return CommandApdu.expectingData(CLA_PROPRIETARY, INS_ACK, 0, 0);
    }

    /** INFO ({@code 80 46 00 00 00}); the answer is the signed INFO. */
    public static CommandApdu info() {
        return CommandApdu.expectingData(CLA_PROPRIETARY, INS_INFO, 0, 0);
    }

    /** Every command but PERSONALISE fits a short APDU: the applet accepts only PERSONALISE extended. */
    private static CommandApdu shortWithData(int cla, int ins, int p1, int p2, byte[] data) {
        if (data.length > MAX_SHORT_DATA) {
            throw new IllegalArgumentException("command data must be 1 to 255 bytes, not " + data.length);
        }
        return CommandApdu.of(cla, ins, p1, p2, data);
    }
}
