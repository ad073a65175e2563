package org.cardsync.protocol;

/** Short command APDUs (ISO 7816-4 case 1 to 4), as the card protocol uses them. */
public final class Apdus {
    public static final int CLA_PROPRIETARY = 0x80;
    public static final int INS_PERSONALISE = 0x10;
    public static final int INS_GET_STATUS = 0x30;
    public static final int INS_READ_PARAMETER = 0x32;
    public static final int INS_REQUEST = 0x40;
    public static final int INS_EXECUTE = 0x42;
    public static final int INS_ACK = 0x44;
    public static final int INS_INFO = 0x46;

    private Apdus() {
    }

    /**
     * A case 3 APDU (data, no Le), or case 1 if data is empty: short form up to 255 bytes of data, extended
     * form (Lc = 00 and two length bytes) above, as a full PERSONALISE record needs.
     */
    public static byte[] command(int cla, int ins, int p1, int p2, byte[] data) {
        if (data.length > 65535) {
            throw new IllegalArgumentException("APDU data is at most 65535 bytes");
        }
        Bytes.Writer w = new Bytes.Writer().u8(cla).u8(ins).u8(p1).u8(p2);
        if (data.length > 255) {
            w.u8(0).u16(data.length).bytes(data);
        } else if (data.length > 0) {
            w.u8(data.length).bytes(data);
        }
        return w.toByteArray();
    }

    /** A case 2 APDU: no data, Le = 00 (up to 256 bytes expected). */
    public static byte[] commandExpectingData(int cla, int ins, int p1, int p2) {
        return new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2, 0x00};
    }

    public static byte[] select(byte[] aid) {
        return command(0x00, 0xA4, 0x04, 0x00, aid);
    }

    public static byte[] execute(byte[] scriptCommand) {
        return command(CLA_PROPRIETARY, INS_EXECUTE, 0, 0, scriptCommand);
    }
}
