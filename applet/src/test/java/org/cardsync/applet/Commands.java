package org.cardsync.applet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.TransactionType;

/** Command APDUs of docs/protocol.md section 2, built from typed values. */
final class Commands {

    private Commands() {
    }

    static byte[] select(byte[] aid) {
        return apdu(0x00, 0xA4, 0x04, 0x00, aid);
    }

    /** PERSONALISE, as an extended-length APDU when the record is longer than 255 bytes. */
    static byte[] personalise(Personalisation personalisation) {
        return personalise(personalisation.encode());
    }

    static byte[] personalise(byte[] record) {
        if (record.length <= 255) {
            return apdu(0x80, 0x10, 0, 0, record);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 0x10, 0, 0, 0, (byte) (record.length >> 8), (byte) record.length});
        out.writeBytes(record);
        return out.toByteArray();
    }

    static byte[] getStatus() {
        return new byte[] {(byte) 0x80, 0x30, 0, 0, 0};
    }

    static byte[] readParameter(int slot) {
        return new byte[] {(byte) 0x80, 0x32, (byte) slot, 0, 0};
    }

    static byte[] verifyPin(String pin) {
        return verifyPin(pin.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] verifyPin(byte[] pin) {
        return apdu(0x00, 0x20, 0x00, 0x80, pin);
    }

    static byte[] request(TransactionType type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        return apdu(0x80, 0x40, 0, 0, requestData(type.code(), amount, unpredictableNumber, challenge));
    }

    static byte[] requestData(int type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        return ByteBuffer.allocate(25).put((byte) type).putInt((int) amount).put(unpredictableNumber)
                .put(challenge).array();
    }

    static byte[] sync() {
        return request(TransactionType.SYNC, 0, new byte[4], new byte[16]);
    }

    static byte[] purchase(long amount) {
        return request(TransactionType.PURCHASE, amount, new byte[4], new byte[16]);
    }

    static byte[] execute(byte[] scriptCommand) {
        return apdu(0x80, 0x42, 0, 0, scriptCommand);
    }

    static byte[] ack() {
        return new byte[] {(byte) 0x80, 0x44, 0, 0, 0};
    }

    static byte[] info() {
        return new byte[] {(byte) 0x80, 0x46, 0, 0, 0};
    }

    /** A short APDU: header, then Lc and data if any; no Le. */
    static byte[] apdu(int cla, int ins, int p1, int p2, byte[] data) {
        if (data.length > 255) {
            throw new IllegalArgumentException("short APDU data is at most 255 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2});
        if (data.length > 0) {
            out.write(data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }
}
