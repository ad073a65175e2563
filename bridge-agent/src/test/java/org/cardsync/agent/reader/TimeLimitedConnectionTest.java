package org.cardsync.agent.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TimeLimitedConnection#start}: a page's batch as one task, the command timeout applying to each call. */
class TimeLimitedConnectionTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String SLOW = "80010000";
    private static final String HANGS = "80FF0000";

    private final CountDownLatch unhung = new CountDownLatch(1);
    private final List<String> received = new ArrayList<>();

    @AfterEach
    void letHungCallsReturn() {
        unhung.countDown();
    }

    /** A card whose SLOW command takes 150 ms and whose HANGS command answers only once the test lets it. */
    private CardConnection card() {
        return new CardConnection() {
            @Override
            public String readerName() {
                return "Test Reader";
            }

            @Override
            public byte[] atr() {
                return HEX.parseHex("3B00");
            }

            @Override
            public byte[] transmit(byte[] command) {
                String hex = HEX.formatHex(command);
                synchronized (received) {
                    received.add(hex);
                }
                try {
                    if (hex.equals(SLOW)) {
                        Thread.sleep(150);
                    } else if (hex.equals(HANGS)) {
                        unhung.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HEX.parseHex("9000");
            }

            @Override
            public void disconnect(boolean reset) {
            }
        };
    }

    private List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private static Integer sendAll(CardConnection reader, String... commands) throws ReaderException {
        for (String command : commands) {
            reader.transmit(HEX.parseHex(command));
        }
        return commands.length;
    }

    @Test
    void sequence_whoseCallsEachAnswerInTimeButTogetherTakeLonger_runsToTheEnd() throws Exception {
        TimeLimitedConnection connection = TimeLimitedConnection.open("Test Reader", Duration.ofMillis(1000),
                this::card);

        // 8 calls of 150 ms each: 1.2 s in all, over the limit of 1 s that applies to one call
        Integer sent = connection.start(reader -> sendAll(reader, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW, SLOW))
                .await();

        assertThat(sent).isEqualTo(8);
        assertThat(received()).hasSize(8);
        connection.disconnect(true);
    }

    @Test
    void sequence_withACallThatOverruns_isTimeoutAndSendsNothingAfterIt_evenOnceThatCallAnswers() throws Exception {
        TimeLimitedConnection connection = TimeLimitedConnection.open("Test Reader", Duration.ofMillis(200),
                this::card);

        TimeLimitedConnection.Sequence<Integer> hanging = connection.start(reader -> sendAll(reader, "80020000", HANGS,
                "80030000"));
        TimeLimitedConnection.Sequence<Integer> queued = connection.start(reader -> sendAll(reader, "80070000"));
        assertThatThrownBy(hanging::await)
                .isInstanceOfSatisfying(ReaderException.class,
                        e -> assertThat(e.failure()).isEqualTo(ReaderFailure.TIMEOUT));
        assertThatThrownBy(queued::await).as("the sequence queued behind it")
                .isInstanceOfSatisfying(ReaderException.class,
                        e -> assertThat(e.failure()).isEqualTo(ReaderFailure.TIMEOUT));
        assertThatThrownBy(() -> connection.start(reader -> sendAll(reader, "80040000")).await())
                .as("the connection was given up").isInstanceOfSatisfying(ReaderException.class,
                        e -> assertThat(e.failure()).isEqualTo(ReaderFailure.TIMEOUT));

        unhung.countDown();
        connection.awaitIdle();
        assertThat(received()).containsExactly("80020000", HANGS);
    }

    @Test
    void sequence_passesTheSequencesOwnFailureOnAsItIs() throws Exception {
        TimeLimitedConnection connection = TimeLimitedConnection.open("Test Reader", Duration.ofSeconds(5), this::card);

        assertThatThrownBy(() -> connection.start(reader -> {
            reader.transmit(HEX.parseHex("80050000"));
            throw new IllegalStateException("the page let go");
        }).await()).isInstanceOf(IllegalStateException.class).hasMessage("the page let go");

        Integer sent = connection.start(reader -> sendAll(reader, "80060000")).await();
        assertThat(sent).as("the connection still works").isEqualTo(1);
        connection.disconnect(true);
    }
}
