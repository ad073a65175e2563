package org.cardsync.agent.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * The simulated card's memory: an append-only file of everything the card received, replayed on start.
 * jcardsim cannot serialise an applet's state, but the applet is deterministic, so the same inputs in
 * the same order rebuild the same persistent state.
 *
 * <p>File layout: the 4-byte magic {@code CSJ1}, then records, each
 * {@code u32 length | u8 type | payload | u32 CRC-32(type | payload)}, {@code length} counting type and
 * payload. A record is written with one {@code write} call.
 *
 * <p>A crash (or a pulled plug) can only tear the record being written, which is the last one: a last
 * record that is incomplete or fails its CRC is dropped and the file truncated to the records before it,
 * which is exactly a card that lost power before that command's effect. A bad record with intact data
 * after it is not a torn write but corruption: the journal refuses to open rather than silently forget
 * the card's later history.
 */
public final class CardJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CardJournal.class.getName());

    static final byte[] MAGIC = {'C', 'S', 'J', '1'};
    /** Type byte + the largest payload (a CRC and an extended APDU) stays well under this. */
    static final int MAX_RECORD_LENGTH = 1 + 4 + 70_000;
    private static final int FRAMING = 4 + 4;

    /** What the card received, in order. */
    public sealed interface Record permits CardIdentity, Install, Apdu, Reset {
    }

    /** The first record: which card this journal is. */
    public record CardIdentity(String cardId) implements Record {
    }

    /** An applet instance installed at {@code aid} from {@code appletClass}. */
    public record Install(byte[] aid, String appletClass) implements Record {
    }

    /**
     * A command APDU the card executed. {@code responseCrc} is the CRC-32 of the response it gave, so
     * that a replay that diverges (an applet that is not deterministic after all) is noticed.
     */
    public record Apdu(byte[] command, int responseCrc) implements Record {
    }

    /** Power off or reset: transient state cleared, nothing selected. */
    public record Reset() implements Record {
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean fsync;
    private final List<Record> recovered;
    private long recordCount;

    private CardJournal(Path file, FileChannel channel, FileLock lock, boolean fsync, List<Record> recovered) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.fsync = fsync;
        this.recovered = recovered;
        this.recordCount = recovered.size();
    }

    /**
     * Opens (or creates) a journal, locks it against a second process using the same card, and reads
     * its records, dropping a torn last record.
     *
     * @param fsync whether every append is forced to the disk; without it a record survives a crash of
     *     the agent but maybe not of the operating system
     * @throws JournalCorruptedException when a record before the last is damaged
     * @throws IOException when the file cannot be read or another process holds it
     */
    private static void restrictToOwner(Path path, String permissions) throws IOException {
        if (path != null && Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    public static CardJournal open(Path file, boolean fsync) throws IOException {
        return open(file, fsync, path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** Opens the journal's file for reading and writing, creating it; a test may give a disk that fills up. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    static CardJournal open(Path file, boolean fsync, ChannelOpener opener) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // The journal holds the PERSONALISE command (the card's keys and PIN) and every VERIFY PIN: owner-only,
        // so that another account on this PC cannot read them and clone the card.
        restrictToOwner(parent, "rwx------");
        FileChannel channel = opener.open(file);
        restrictToOwner(file, "rw-------");
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException(file + " is in use by another simulated card (another agent or vpcd-card"
                        + " process has this card inserted)");
            }
            List<Record> records = readAll(file, channel);
            channel.position(channel.size());
            return new CardJournal(file, channel, lock, fsync, records);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static List<Record> readAll(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            channel.write(ByteBuffer.wrap(MAGIC), 0);
            return new ArrayList<>();
        }
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // read until full
        }
        all.flip();
        if (size < MAGIC.length) {
            // Even the magic is torn: the file was being created.
            LOG.warning(file + ": torn header, starting an empty journal");
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(MAGIC), 0);
            return new ArrayList<>();
        }
        byte[] magic = new byte[MAGIC.length];
        all.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new JournalCorruptedException(file + " is not a cardsync card journal (bad magic)");
        }
        List<Record> records = new ArrayList<>();
        while (all.hasRemaining()) {
            int start = all.position();
            int remaining = all.remaining();
            String problem = null;
            boolean torn;
            if (remaining < FRAMING + 1) {
                problem = "incomplete record header";
                torn = true;
            } else {
                int length = all.getInt(start);
                if (length < 1 || length > MAX_RECORD_LENGTH) {
                    problem = "impossible record length " + length;
                    // Garbage in the length of the last write looks like this; anything beyond one
                    // record's worth of bytes after it cannot be a single torn write.
                    torn = remaining <= FRAMING + MAX_RECORD_LENGTH;
                } else if (remaining < FRAMING + length) {
                    problem = "record cut short";
                    torn = true;
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(all.array(), start + 4, length);
                    int stored = all.getInt(start + 4 + length);
                    if ((int) crc.getValue() != stored) {
                        problem = "record fails its CRC";
                        torn = remaining == FRAMING + length;
                    } else {
                        records.add(JournalRecordCodec.decode(file, all.array(), start + 4, length));
                        all.position(start + FRAMING + length);
                        continue;
                    }
                }
            }
            if (!torn) {
                throw new JournalCorruptedException(file + ": " + problem + " at offset " + start
                        + " with further data after it; the card's state cannot be trusted. Remove the file"
                        + " (cardsync-agent reset-card) to issue the card afresh.");
            }
            LOG.warning(file + ": dropping a torn last record at offset " + start + " (" + problem
                    + "); the card lost power before that command completed");
            channel.truncate(start);
            break;
        }
        return records;
    }

    /** The records found when the journal was opened. */
    public List<Record> recovered() {
        return List.copyOf(recovered);
    }

    public long recordCount() {
        return recordCount;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one record in a single write; with fsync on, returns only once it is on the disk. A write that fails
     * (a full disk) is taken back: the file is cut to the records before it, so that the next append does not
     * follow a torn record (which would read as corruption). If even that fails, the exception says so with a
     * {@link JournalBrokenException}; the file then ends in a torn record, which the next open drops.
     */
    public synchronized void append(Record record) throws IOException {
        long before = channel.position();
        try {
            write(record);
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException | RuntimeException undo) {
                e.addSuppressed(undo);
                throw new JournalBrokenException(file + ": a failed write could not be taken back", e);
            }
            throw e;
        }
    }

    /** The records now in the file, read back from the disk (after a failed append, what the card must be). */
    public synchronized List<Record> readBack() throws IOException {
        List<Record> records = readAll(file, channel);
        channel.position(channel.size());
        recordCount = records.size();
        return records;
    }

    private void write(Record record) throws IOException {
        byte[] body = JournalRecordCodec.encode(record);
        ByteBuffer out = ByteBuffer.allocate(FRAMING + body.length);
        out.putInt(body.length);
        out.put(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.putInt((int) crc.getValue());
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        if (fsync) {
            channel.force(false);
        }
        recordCount++;
    }

    /** CRC-32 of a response, as {@link Apdu#responseCrc()} stores it. */
    public static int crcOf(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** A failed write left the file with a torn record that could not be cut off: append nothing more to it. */
    public static final class JournalBrokenException extends IOException {

        private static final long serialVersionUID = 1L;

        JournalBrokenException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** The journal is damaged before its last record. */
    public static final class JournalCorruptedException extends IOException {

        private static final long serialVersionUID = 1L;

        public JournalCorruptedException(String message) {
            super(message);
        }
    }
}
