package org.cardsync.cardsim;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.TransactionType;

/**
 * The command APDUs of docs/protocol.md section 2, byte for byte as in docs/test-vectors.json: short
 * APDUs, no Le on commands with data, Le = 00 on commands without. PERSONALISE goes as an
 * extended-length APDU when its record is longer than 255 bytes.
 */
public final class CardCommands {

    private static final int CLA_ISO = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;

    private CardCommands() {
    }

    public static byte[] select(byte[] aid) {
        if (aid.length < 5 || aid.length > 16) {
            throw new IllegalArgumentException("an AID is 5 to 16 bytes");
        }
        return withData(CLA_ISO, 0xA4, 0x04, 0x00, aid);
    }

    public static byte[] personalise(Personalisation personalisation) {
        return personalise(personalisation.encode());
    }

    /** PERSONALISE with a record encoded elsewhere (for example the issuance endpoint's output). */
    public static byte[] personalise(byte[] record) {
        if (record.length <= 255) {
            return withData(CLA_PROPRIETARY, 0x10, 0, 0, record);
        }
        if (record.length > 0xFFFF) {
            throw new IllegalArgumentException("record too long for an APDU: " + record.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) CLA_PROPRIETARY, 0x10, 0, 0, 0, (byte) (record.length >> 8),
                (byte) record.length});
        out.writeBytes(record);
        return out.toByteArray();
    }

    public static byte[] getStatus() {
        return expectingData(0x30, 0);
    }

    public static byte[] readParameter(int slot) {
        if (slot < 0 || slot > 0xFF) {
            throw new IllegalArgumentException("slot is one byte: " + slot);
        }
        return expectingData(0x32, slot);
    }

    public static byte[] verifyPin(byte[] pin) {
        return withData(CLA_ISO, 0x20, 0x00, 0x80, pin);
    }

    /** VERIFY PIN with a PIN typed as characters (ASCII, as the demo PIN "1234" is stored). */
    public static byte[] verifyPin(String pin) {
        return verifyPin(pin.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * REQUEST (protocol.md section 4.1).
     *
     * @param amount              0 to 0xFFFFFFFF: positive for PURCHASE, 0 otherwise (the card checks)
     * @param unpredictableNumber the terminal's 4 bytes, echoed in the signed message
     * @param challenge           16 bytes: the server's challenge for AUTHENTICATE, any (zeros) otherwise
     */
    public static byte[] request(TransactionType type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        Objects.requireNonNull(type, "type");
        if (amount < 0 || amount > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("amount is 32-bit unsigned: " + amount);
        }
        if (unpredictableNumber.length != 4 || challenge.length != 16) {
            throw new IllegalArgumentException("UN is 4 bytes and the challenge 16");
        }
        byte[] data = ByteBuffer.allocate(25).put((byte) type.code()).putInt((int) amount).put(unpredictableNumber)
                .put(challenge).array();
        return withData(CLA_PROPRIETARY, 0x40, 0, 0, data);
    }

    /** EXECUTE with one script command's data (protocol.md section 6), as the server encoded it. */
    public static byte[] execute(byte[] scriptCommand) {
        return withData(CLA_PROPRIETARY, 0x42, 0, 0, scriptCommand);
    }

    public static byte[] ack() {
        return expectingData(0x44, 0);
    }

    public static byte[] info() {
        return expectingData(0x46, 0);
    }

    private static byte[] withData(int cla, int ins, int p1, int p2, byte[] data) {
        if (data.length == 0 || data.length > 255) {
            throw new IllegalArgumentException("command data must be 1 to 255 bytes, not " + data.length);
        }
        byte[] apdu = new byte[5 + data.length];
        apdu[0] = (byte) cla;
        apdu[1] = (byte) ins;
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        apdu[4] = (byte) data.length;
        System.arraycopy(data, 0, apdu, 5, data.length);
        return apdu;
    }

    private static byte[] expectingData(int ins, int p1) {
        return new byte[] {(byte) CLA_PROPRIETARY, (byte) ins, (byte) p1, 0, 0};
    }
}
