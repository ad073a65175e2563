package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardJournalTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path dir;

    private Path writeThreeRecords() throws IOException {
        Path file = dir.resolve("card.journal");
        try (CardJournal journal = CardJournal.open(file, false)) {
            journal.append(new CardJournal.CardIdentity("0011223344556677"));
            journal.append(new CardJournal.Apdu(HEX.parseHex("8004000002"), 42));
            journal.append(new CardJournal.Reset());
        }
        return file;
    }

    @Test
    void journal_holdingTheCardsKeys_isReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("cards").resolve("card.journal");
        try (CardJournal journal = CardJournal.open(file, false)) {
            journal.append(new CardJournal.CardIdentity("0011223344556677"));
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void records_writtenThenReopened_comeBackInOrder() throws IOException {
        Path file = writeThreeRecords();
        try (CardJournal journal = CardJournal.open(file, true)) {
            List<CardJournal.Record> records = journal.recovered();
            assertThat(records).hasSize(3);
            assertThat(records.get(0)).isEqualTo(new CardJournal.CardIdentity("0011223344556677"));
            CardJournal.Apdu apdu = (CardJournal.Apdu) records.get(1);
            assertThat(HEX.formatHex(apdu.command())).isEqualTo("8004000002");
            assertThat(apdu.responseCrc()).isEqualTo(42);
            assertThat(records.get(2)).isInstanceOf(CardJournal.Reset.class);
        }
    }

    @Test
    void lastRecordCutShortByACrash_isDroppedAndTheFileTruncatedToTheRecordsBefore() throws IOException {
        Path file = writeThreeRecords();
        long goodSize = Files.size(file);
        try (CardJournal journal = CardJournal.open(file, false)) {
            journal.append(new CardJournal.Apdu(HEX.parseHex("80040000020102"), 7));
        }
        truncate(file, Files.size(file) - 3); // the write of the last record was torn
        try (CardJournal journal = CardJournal.open(file, false)) {
            assertThat(journal.recovered()).hasSize(3);
        }
        assertThat(Files.size(file)).isEqualTo(goodSize);
    }

    @Test
    void lastRecordWithABadChecksum_isDropped() throws IOException {
        Path file = writeThreeRecords();
        long goodSize = Files.size(file);
        try (CardJournal journal = CardJournal.open(file, false)) {
            journal.append(new CardJournal.Apdu(HEX.parseHex("8004000002"), 7));
        }
        flipByte(file, Files.size(file) - 6); // inside the last record's payload
        try (CardJournal journal = CardJournal.open(file, false)) {
            assertThat(journal.recovered()).hasSize(3);
            journal.append(new CardJournal.Reset()); // and the journal goes on after the cut
        }
        try (CardJournal journal = CardJournal.open(file, false)) {
            assertThat(journal.recovered()).hasSize(4);
        }
        assertThat(Files.size(file)).isEqualTo(goodSize + 9);
    }

    @Test
    void lastRecordWithAGarbageLength_isDropped() throws IOException {
        Path file = writeThreeRecords();
        long goodSize = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(HEX.parseHex("7FFFFFFF0300")));
        }
        try (CardJournal journal = CardJournal.open(file, false)) {
            assertThat(journal.recovered()).hasSize(3);
        }
        assertThat(Files.size(file)).isEqualTo(goodSize);
    }

    @Test
    void damagedRecordFollowedByIntactRecords_isCorruptionAndRefused() throws IOException {
        Path file = writeThreeRecords();
        flipByte(file, 4 + 4 + 2); // inside the first record, two good records after it
        assertThatThrownBy(() -> CardJournal.open(file, false))
                .isInstanceOf(CardJournal.JournalCorruptedException.class)
                .hasMessageContaining("further data");
    }

    @Test
    void fileThatIsNotAJournal_isRefused() throws IOException {
        Path file = dir.resolve("card.journal");
        Files.writeString(file, "hello world");
        assertThatThrownBy(() -> CardJournal.open(file, false))
                .isInstanceOf(CardJournal.JournalCorruptedException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void journalHeldByAnotherOpener_isRefused() throws IOException {
        Path file = writeThreeRecords();
        try (CardJournal first = CardJournal.open(file, false)) {
            assertThatThrownBy(() -> CardJournal.open(file, false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.flip();
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            ch.write(b, position);
        }
    }
}
