package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Rules 4 and 5 as properties: whatever order, repetition and failures the terminal produces, the card
 * executes a command only when its s is CA + 1, each at most once, and a merit failure stops the rest.
 */
class OrderingPropertyTest {

    /**
     * The terminal delivers the script's commands in any order, with repeats. Each runs if and only if
     * it is the next one at that moment; the others are refused as already applied or out of order.
     */
    @Property(tries = 150)
    void commandsInAnyOrderWithRepeats_runExactlyWhenTheirSequenceIsNext(
            @ForAll("deliveries") List<Integer> delivery, @ForAll @LongRange(max = 0xFFFFFF00L) long base) {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000_000, 0, base, 0));
        card.openSession();
        long expectedCa = base;
        long expectedBalance = 0;
        List<String> answers = new ArrayList<>();
        for (int action : delivery) {
            long s = base + action;
            String sw = card.execute(s, 1, IssuedCard.u32(1L << action)).swHex();
            answers.add(sw);
            if (s == expectedCa + 1) {
                assertThat(sw).isEqualTo("9000");
                expectedCa++;
                expectedBalance += 1L << action;
            } else {
                assertThat(sw).isEqualTo(s <= expectedCa ? "6A91" : "6A92");
            }
        }

        assertThat(card.status().ca()).as("answers %s", answers).isEqualTo(expectedCa);
        assertThat(card.status().balance()).isEqualTo(expectedBalance);
        UpstreamMessage ack = card.ack();
        assertThat(ack.ca()).isEqualTo(expectedCa);
        assertThat(ack.report().executed()).isEqualTo((int) (expectedCa - base));
    }

    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(12);
    }

    /** Rule 5 over random script lengths, failure positions and counter bases. */
    @Property(tries = 100)
    void meritFailureAtActionK_leavesCaAtBasePlusKMinusOne_forAnyBase(
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll @LongRange(max = 0xFFFFFFF0L) long base) {
        int failing = Math.min(k, n);
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100, 0, base, 0));
        card.openSession();
        for (int i = 1; i <= n; i++) {
            byte[] payload = i == failing ? new byte[] {9} : new byte[] {1, (byte) i};
            String sw = card.execute(base + i, 2, payload).swHex();
            assertThat(sw).isEqualTo(i < failing ? "9000" : i == failing ? "9402" : "6A93");
        }

        assertThat(card.status().ca()).isEqualTo(base + failing - 1);
        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.executed()).isEqualTo(failing - 1);
        assertThat(report.firstRefusedSequence()).isEqualTo(base + failing);
        assertThat(report.refusalCode()).isEqualTo(0x02);
    }
}
