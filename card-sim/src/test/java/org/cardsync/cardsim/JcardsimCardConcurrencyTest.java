package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cardsync.protocol.CardCommands;
import org.junit.jupiter.api.Test;

/**
 * JcardsimCard's threading rule: any thread may use a card, calls on one card run one at a time, and
 * different cards run at the same time independently. Two cards driven from many threads at once must
 * give exactly the answers a single-threaded run gives. This fails if cards share a jcardsim runtime
 * (jcardsim's no-argument Simulator() does: the second card would reset the first and their counters
 * would mix); it was run against such a host to see it fail. It cannot catch a missing lock on one card:
 * jcardsim's Simulator already serialises the calls on its runtime. JcardsimCard's own lock is there for
 * what jcardsim does not cover, the AfterCommand hook reading the transaction depth its own command left.
 */
class JcardsimCardConcurrencyTest {

    private static final int THREADS = 8;
    private static final int INCREMENTS_PER_THREAD_PER_CARD = 60;
    private static final int INCREMENTS_PER_CARD = THREADS * INCREMENTS_PER_THREAD_PER_CARD;

    @Test
    void twoCardsDrivenFromEightThreadsAtOnce_answerAsASingleThreadedRunDoes() throws Exception {
        List<String> expectedFirst = singleThreaded("aa");
        List<String> expectedSecond = singleThreaded("bb");

        JcardsimCard first = selectedCard();
        JcardsimCard second = selectedCard();
        List<String> answersFirst = new ArrayList<>();
        List<String> answersSecond = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < INCREMENTS_PER_THREAD_PER_CARD; i++) {
                        String a = first.transmit(JcardsimCardTest.increment("aa")).hex();
                        String b = second.transmit(JcardsimCardTest.increment("bb")).hex();
                        synchronized (answersFirst) {
                            answersFirst.add(a);
                            answersSecond.add(b);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // Which thread got which counter value varies; the set of answers may not.
        assertThat(answersFirst).containsExactlyInAnyOrderElementsOf(expectedFirst);
        assertThat(answersSecond).containsExactlyInAnyOrderElementsOf(expectedSecond);
        assertThat(first.transmit(JcardsimCardTest.READ).dataHex()).isEqualTo(String.format("%04x00", INCREMENTS_PER_CARD));
        assertThat(second.transmit(JcardsimCardTest.READ).dataHex()).isEqualTo(String.format("%04x00", INCREMENTS_PER_CARD));
    }

    private static List<String> singleThreaded(String data) {
        JcardsimCard card = selectedCard();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < INCREMENTS_PER_CARD; i++) {
            answers.add(card.transmit(JcardsimCardTest.increment(data)).hex());
        }
        return answers;
    }

    private static JcardsimCard selectedCard() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, JcardsimCardTest.AID);
        card.transmit(CardCommands.select(JcardsimCardTest.AID));
        return card;
    }
}
