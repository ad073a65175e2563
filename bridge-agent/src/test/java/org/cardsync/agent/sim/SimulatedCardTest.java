package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.cardsync.agent.testapplet.EchoApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated card keeps its persistent state across runs, like a card in a drawer. */
class SimulatedCardTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path stateDir;

    private static String send(SimulatedCard card, String apdu) throws IOException {
        return HEX.formatHex(card.transmit(HEX.parseHex(apdu)));
    }

    @Test
    void firstOpen_issuesTheCardFromItsPersonalisation() throws IOException {
        try (SimulatedCard card = TestCards.open(stateDir)) {
            assertThat(send(card, TestCards.selectApdu())).isEqualTo("9000");
            assertThat(send(card, "8005000000")).isEqualTo("000000CAFE9000");
            // personalisation is once only: the applet says so, so it really ran once
            assertThat(send(card, TestCards.PERSONALISE_APDU)).isEqualTo("6985");
        }
    }

    @Test
    void persistentState_survivesCloseAndReopen_transientStateDoesNot() throws IOException {
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            send(card, "8004000002");
            send(card, "8004000002");
            send(card, "80060100");
            assertThat(send(card, "8005000000")).isEqualTo("000201CAFE9000");
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            // jcardsim answers 6986 (command not allowed) when no applet is selected
            assertThat(send(card, "8005000000")).as("nothing selected after power-up").isEqualTo("6986");
            send(card, TestCards.selectApdu());
            assertThat(send(card, "8005000000")).isEqualTo("000200CAFE9000");
            send(card, "8004000002");
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            assertThat(send(card, "8005000000")).isEqualTo("000300CAFE9000");
        }
    }

    @Test
    void twoCardsOpenAtOnce_eachKeepsItsOwnState(@TempDir Path otherStateDir) throws IOException {
        // Before card-sim's host each card shared jcardsim's JVM-wide runtime, and opening a second card
        // reset it, uninstalling the first card's applet.
        try (SimulatedCard first = TestCards.open(stateDir); SimulatedCard second = TestCards.open(otherStateDir)) {
            send(first, TestCards.selectApdu());
            send(second, TestCards.selectApdu());
            send(first, "8004000002");
            send(first, "8004000002");
            send(second, "8004000002");

            assertThat(send(first, "8005000000")).isEqualTo("000200CAFE9000");
            assertThat(send(second, "8005000000")).isEqualTo("000100CAFE9000");
        }
    }

    @Test
    void tornLastRecord_losesOnlyTheCommandBeingWritten() throws IOException {
        Path journal;
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            send(card, "8004000002");
            send(card, "8004000002");
            journal = card.journalFile();
        }
        // Tear the second INCREMENT, the last record: the crash hit while it was being written.
        long size = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 2);
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            assertThat(send(card, "8005000000")).isEqualTo("000100CAFE9000");
        }
    }

    @Test
    void journalRecordTheCardNowRefusesAsMalformed_isADivergenceAndTheRestIsReplayed() throws IOException {
        Path journal;
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            send(card, "8004000002");
            journal = card.journalFile();
        }
        // An APDU an older, more lenient host executed and journalled: Lc says 2 bytes, 1 follows
        // (ISO/IEC 7816-4 short case 3 needs exactly Lc data bytes).
        try (CardJournal older = CardJournal.open(journal, false)) {
            older.append(new CardJournal.Apdu(HEX.parseHex("80040000" + "02" + "AA"), CardJournal.crcOf(HEX.parseHex("9000"))));
            older.append(new CardJournal.Apdu(HEX.parseHex("8004000002"), CardJournal.crcOf(HEX.parseHex("9000"))));
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            assertThat(send(card, "8005000000")).as("both well-formed INCREMENTs replayed").isEqualTo("000200CAFE9000");
        }
    }

    @Test
    void diskFullWhileJournallingACommand_undoesIt_memoryErrorAndTheCardInMemoryEqualsTheCardOnDisk() throws IOException {
        Path file = SimulatedCard.journalFile(stateDir, TestCards.CARD_ID);
        DiskThatFillsUp[] disk = new DiskThatFillsUp[1];
        try (SimulatedCard card = SimulatedCard.open(TestCards.personalisation(), EchoApplet.class.getName(),
                CardJournal.open(file, false, path -> disk[0] = DiskThatFillsUp.open(path)))) {
            send(card, TestCards.selectApdu());
            send(card, "8004000002");
            long sizeBefore = Files.size(file);

            disk[0].fill();
            assertThat(send(card, "8004000002")).as("ISO/IEC 7816-4 memory failure").isEqualTo("6581");
            assertThat(Files.size(file)).as("the torn record was cut off").isEqualTo(sizeBefore);

            disk[0].free();
            assertThat(send(card, "8005000000")).as("the failed INCREMENT is undone; the session goes on")
                    .isEqualTo("000100CAFE9000");
            send(card, "8004000002");
            assertThat(send(card, "8005000000")).isEqualTo("000200CAFE9000");
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            send(card, TestCards.selectApdu());
            assertThat(send(card, "8005000000")).as("the card on disk is the card that was in memory")
                    .isEqualTo("000200CAFE9000");
        }
    }

    @Test
    void resetOfAnUntouchedCard_isNotJournalled_soIdlePowerCyclesDoNotGrowTheFile() throws IOException {
        try (SimulatedCard card = TestCards.open(stateDir)) {
            long size = Files.size(card.journalFile());
            card.reset();
            card.reset();
            assertThat(Files.size(card.journalFile())).isEqualTo(size);
        }
    }

    @Test
    void personalisationThatFails_leavesNoHalfIssuedCardBehind() {
        Personalisation bad = Personalisation.parse("{\"format\":\"cardsync-personalisation/1\","
                + "\"cardId\":\"0011223344556677\",\"applications\":[{\"aid\":\"" + TestCards.AID + "\","
                + "\"apdus\":[\"8010000002CAFE\",\"8010000002CAFE\"]}]}", "test");
        assertThatThrownBy(() -> SimulatedCard.open(bad, stateDir, EchoApplet.class.getName(), false))
                .hasMessageContaining("personalisation APDU 1")
                .hasMessageContaining("6985");
        assertThat(SimulatedCard.journalFile(stateDir, "0011223344556677")).doesNotExist();
    }

    @Test
    void appletClassNotInTheBuild_isReportedByName() {
        assertThatThrownBy(() -> SimulatedCard.open(TestCards.personalisation(), stateDir, "org.example.Missing", false))
                .hasMessageContaining("org.example.Missing");
    }

    @Test
    void secondOpenOfTheSameCard_isRefusedWhileTheFirstRuns() throws IOException {
        try (SimulatedCard card = TestCards.open(stateDir)) {
            assertThatThrownBy(() -> TestCards.open(stateDir)).hasMessageContaining("in use");
        }
    }
}
