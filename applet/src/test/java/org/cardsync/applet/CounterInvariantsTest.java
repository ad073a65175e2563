package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The card's side of the counter protocol, ../shared/design/ARCHITECTURE.md section 3, one named test
 * per attack or accident: replay, stale sessions, reordering, merit failures (rules 4, 5 and 8).
 * Bit flips, removals and saturation have their own classes.
 */
class CounterInvariantsTest {

    private static final byte[] CREDIT_10 = IssuedCard.u32(10);

    // --- rule 4: a command runs at most once ---------------------------------------------------------

    @Test
    void replayedCommand_inTheSameSession_isRefusedAsAlreadyApplied_andChangesNothing() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] command = card.command(1, 1, CREDIT_10);
        assertThat(card.execute(command).swHex()).isEqualTo("9000");
        var afterFirst = card.snapshot();

        assertThat(card.execute(command).swHex()).isEqualTo("6A91");
        assertThat(card.execute(command).swHex()).isEqualTo("6A91");

        assertThat(card.snapshot()).isEqualTo(afterFirst);
        assertThat(card.status().balance()).isEqualTo(1_010);
    }

    @Test
    void replayedCommand_reissuedForALaterSession_isStillRefusedAsAlreadyApplied() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 1, CREDIT_10);
        card.ack();
        card.openSession();

        assertThat(card.execute(1, 1, CREDIT_10).swHex()).isEqualTo("6A91");
        assertThat(card.status().balance()).isEqualTo(1_010);
    }

    // --- rule 4: a command is bound to its session ------------------------------------------------------

    @Test
    void commandFromAnEarlierSession_isRefusedAfterAReset() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] stale = card.command(1, 1, CREDIT_10);

        card.card.removeAndReinsert();
        card.select();

        assertStaleRefused(card, stale);
        card.openSession();
        assertStaleRefused(card, stale);
    }

    @Test
    void commandFromAnEarlierSession_isRefusedAfterANewRequest() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] stale = card.command(1, 1, CREDIT_10);

        card.openSession();

        assertStaleRefused(card, stale);
    }

    @Test
    void commandFromAnEarlierSession_isRefusedAfterAnAck() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] stale = card.command(1, 1, CREDIT_10);

        card.ack();

        assertStaleRefused(card, stale);
    }

    @Test
    void commandFromAnEarlierSession_isRefusedAfterAnInfo() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] stale = card.command(1, 1, CREDIT_10);

        card.info();

        assertStaleRefused(card, stale);
    }

    @Test
    void commandFromAnEarlierSession_isRefusedAfterReselection() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] stale = card.command(1, 1, CREDIT_10);

        card.select();

        assertStaleRefused(card, stale);
    }

    @Test
    void restOfAScript_afterTheSessionClosed_isRefused_andTheServerSeesWhereTheCounterStands() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] first = card.command(1, 1, CREDIT_10);
        byte[] second = card.command(2, 1, CREDIT_10);
        card.execute(first);

        UpstreamMessage ack = card.ack();

        assertThat(card.execute(second).swHex()).isEqualTo("6A90");
        assertThat(ack.ca()).isEqualTo(1);
        assertThat(card.status().ca()).isEqualTo(1);
    }

    // --- rule 4: in order only ----------------------------------------------------------------------------

    @Test
    void reorderedCommands_areRefusedAsOutOfOrder_untilTheirTurnComes() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] first = card.command(1, 1, IssuedCard.u32(1));
        byte[] second = card.command(2, 1, IssuedCard.u32(2));
        byte[] third = card.command(3, 1, IssuedCard.u32(4));

        assertThat(card.execute(third).swHex()).isEqualTo("6A92");
        assertThat(card.execute(second).swHex()).isEqualTo("6A92");
        assertThat(card.status().ca()).isZero();
        assertThat(card.execute(first).swHex()).isEqualTo("9000");
        assertThat(card.execute(third).swHex()).isEqualTo("6A92");
        assertThat(card.execute(second).swHex()).isEqualTo("9000");
        assertThat(card.execute(third).swHex()).isEqualTo("9000");

        assertThat(card.status().ca()).isEqualTo(3);
        assertThat(card.status().balance()).isEqualTo(1_007);
    }

    // --- rule 5: a merit failure stops the script -------------------------------------------------------

    static Stream<Arguments> scriptLengthsAndFailingPositions() {
        return IntStream.rangeClosed(1, 5).boxed()
                .flatMap(n -> IntStream.rangeClosed(1, n).mapToObj(k -> Arguments.of(n, k)));
    }

    @ParameterizedTest(name = "n = {0}, failure at k = {1}")
    @MethodSource("scriptLengthsAndFailingPositions")
    void meritFailureAtActionK_leavesCaAtBasePlusKMinusOne_andRefusesActionsKPlusOneToN(int n, int k) {
        long base = 0x00FFFFFEL; // the counter crosses a byte boundary inside the script
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, base, 0));
        card.openSession();
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long amount = i == k ? 1_000_000 : 1;
            answers.add(card.execute(base + i, 1, IssuedCard.u32(amount)).swHex());
        }

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add(i < k ? "9000" : i == k ? "9401" : "6A93");
        }
        assertThat(answers).isEqualTo(expected);
        assertThat(card.status().ca()).isEqualTo(base + k - 1);
        assertThat(card.status().balance()).isEqualTo(k - 1);
        UpstreamMessage ack = card.ack();
        assertThat(ack.ca()).isEqualTo(base + k - 1);
        assertThat(ack.report().caAtStart()).isEqualTo(base);
        assertThat(ack.report().executed()).isEqualTo(k - 1);
        assertThat(ack.report().firstRefusedSequence()).isEqualTo(base + k);
        assertThat(ack.report().refusalCode()).isEqualTo(0x01);
    }

    @Test
    void meritFailure_isResentInTheNextSession_andRunsOnceItCan() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 990, 0, 0));
        card.openSession();
        assertThat(card.execute(1, 1, IssuedCard.u32(20)).swHex()).isEqualTo("9401");
        card.ack();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        card.signed(IssuedCard.purchase(100));
        card.sessionAtc = card.status().atc();

        assertThat(card.execute(1, 1, IssuedCard.u32(20)).swHex()).isEqualTo("9000");
        assertThat(card.status().balance()).isEqualTo(910);
    }

    private static void assertStaleRefused(IssuedCard card, byte[] stale) {
        var before = card.snapshot();
        assertThat(card.execute(stale).swHex()).isEqualTo("6A90");
        assertThat(card.snapshot()).isEqualTo(before);
    }
}
