package org.cardsync.agent.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of one {@link CardJournal} record between its length and its CRC: a type byte and the record's
 * payload (docs/agent-protocol.md section 9).
 */
final class JournalRecordCodec {

    private static final byte TYPE_CARD = 1;
    private static final byte TYPE_INSTALL = 2;
    private static final byte TYPE_APDU = 3;
    private static final byte TYPE_RESET = 4;

    private JournalRecordCodec() {
    }

    static CardJournal.Record decode(Path file, byte[] buf, int offset, int length)
            throws CardJournal.JournalCorruptedException {
        ByteBuffer b = ByteBuffer.wrap(buf, offset, length);
        byte type = b.get();
        switch (type) {
            case TYPE_CARD:
                return new CardJournal.CardIdentity(utf8(b));
            case TYPE_INSTALL: {
                byte[] aid = new byte[b.get() & 0xFF];
                b.get(aid);
                return new CardJournal.Install(aid, utf8(b));
            }
            case TYPE_APDU: {
                int crc = b.getInt();
                byte[] command = new byte[b.remaining()];
                b.get(command);
                return new CardJournal.Apdu(command, crc);
            }
            case TYPE_RESET:
                return new CardJournal.Reset();
            default:
                throw new CardJournal.JournalCorruptedException(file + ": unknown record type " + type
                        + " (written by a newer agent?)");
        }
    }

    private static String utf8(ByteBuffer b) {
        byte[] s = new byte[b.remaining()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    static byte[] encode(CardJournal.Record record) {
        if (record instanceof CardJournal.CardIdentity c) {
            return concat(new byte[] {TYPE_CARD}, c.cardId().getBytes(StandardCharsets.UTF_8));
        }
        if (record instanceof CardJournal.Install i) {
            byte[] head = new byte[2 + i.aid().length];
            head[0] = TYPE_INSTALL;
            head[1] = (byte) i.aid().length;
            System.arraycopy(i.aid(), 0, head, 2, i.aid().length);
            return concat(head, i.appletClass().getBytes(StandardCharsets.UTF_8));
        }
        if (record instanceof CardJournal.Apdu a) {
            return concat(ByteBuffer.allocate(5).put(TYPE_APDU).putInt(a.responseCrc()).array(), a.command());
        }
        return new byte[] {TYPE_RESET};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
