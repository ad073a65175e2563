package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.reader.TimeLimitedConnection;
import org.cardsync.agent.testapplet.EchoApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated card behind the agent's command timeout: a command that overruns it while the card writes its
 * journal (a slow disk) must not break the card. Giving the command up must not interrupt the thread in the
 * journal's file I/O: an interrupted FileChannel closes, its lock goes, and the card is out of service.
 */
class SimulatedCardUnderTimeoutTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String INCREMENT = "8004000002";
    private static final String READ_COUNTER = "8005000000";

    @TempDir
    Path stateDir;

    @Test
    void commandOverrunningTheTimeoutOnASlowDisk_leavesTheCardWorking_andOnDiskAsInMemory() throws Exception {
        Path file = SimulatedCard.journalFile(stateDir, TestCards.CARD_ID);
        DiskThatFillsUp[] disk = new DiskThatFillsUp[1];
        try (SimulatedCard card = SimulatedCard.open(TestCards.personalisation(), EchoApplet.class.getName(),
                CardJournal.open(file, false, path -> disk[0] = DiskThatFillsUp.open(path)))) {
            SimulatedReaderSource source = new SimulatedReaderSource(card);
            TimeLimitedConnection connection = TimeLimitedConnection.open(SimulatedReaderSource.READER_NAME,
                    Duration.ofMillis(200), () -> source.connect(SimulatedReaderSource.READER_NAME));
            assertThat(send(connection, TestCards.selectApdu())).isEqualTo("9000");

            disk[0].stall();
            assertThatThrownBy(() -> send(connection, INCREMENT)).isInstanceOf(ReaderException.class)
                    .extracting(e -> ((ReaderException) e).failure()).isEqualTo(ReaderFailure.TIMEOUT);
            disk[0].unstall();
            connection.disconnect(true); // returns once the overrunning command and the reset ran

            TimeLimitedConnection next = TimeLimitedConnection.open(SimulatedReaderSource.READER_NAME,
                    Duration.ofSeconds(10), () -> source.connect(SimulatedReaderSource.READER_NAME));
            assertThat(send(next, TestCards.selectApdu())).as("the card still works").isEqualTo("9000");
            assertThat(send(next, READ_COUNTER)).as("the slow INCREMENT ran, late").isEqualTo("000100CAFE9000");
            next.disconnect(true);
        }
        try (SimulatedCard card = TestCards.open(stateDir)) {
            card.transmit(HEX.parseHex(TestCards.selectApdu()));
            assertThat(HEX.formatHex(card.transmit(HEX.parseHex(READ_COUNTER))))
                    .as("the card on disk is the card that was in memory").isEqualTo("000100CAFE9000");
        }
    }

    private static String send(TimeLimitedConnection connection, String apdu) throws ReaderException {
        return HEX.formatHex(connection.transmit(HEX.parseHex(apdu)));
    }
}
