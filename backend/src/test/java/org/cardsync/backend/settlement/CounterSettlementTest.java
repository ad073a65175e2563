package org.cardsync.backend.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.CANCELLED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.EXECUTED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.FAILED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.REQUEUED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cardsync.backend.settlement.CounterSettlement.Anomaly;
import org.cardsync.backend.settlement.CounterSettlement.Fate;
import org.cardsync.backend.settlement.CounterSettlement.InFlightAction;
import org.cardsync.backend.settlement.CounterSettlement.InFlightScript;
import org.cardsync.backend.settlement.CounterSettlement.Observation;
import org.cardsync.backend.settlement.CounterSettlement.Outcome;
import org.cardsync.backend.settlement.CounterSettlement.Report;
import org.cardsync.backend.settlement.CounterSettlement.ReportMismatch;
import org.cardsync.backend.settlement.CounterSettlement.Settled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settlement table of protocol.md section 8, including the three figures of the patent, and the action chain
 * check: a report settles only with the chain the issued script gives for its count.
 */
class CounterSettlementTest {
    private static final int RETRY_LIMIT = 3;
    private static final long BASE = 5;
    private static final long SESSION = 11;

    /**
     * The chain an honest card has at CA {@code ca} in these tests: any distinct 16 bytes per CA will do, the function
     * only compares (the caller computes the real ones with ActionChain.next; the whole-flow tests check that).
     */
    private static byte[] chainAt(long ca) {
        byte[] chain = new byte[16];
        Arrays.fill(chain, (byte) ca);
        return chain;
    }

    /** A chain no script of these tests leads to: the card ran other commands. */
    private static byte[] foreignChain() {
        byte[] chain = chainAt(0);
        chain[15] = (byte) 0xA5;
        return chain;
    }

    /** What an honest card signs at CA {@code ca}. */
    private static Observation seen(long ca) {
        return Observation.of(ca, chainAt(ca));
    }

    private static Observation seen(long ca, Report report) {
        return Observation.of(ca, chainAt(ca), report);
    }

    private static Outcome settle(long confirmedCa, Optional<InFlightScript> inFlight, Observation observation) {
        return CounterSettlement.settle(confirmedCa, chainAt(confirmedCa), inFlight, observation, RETRY_LIMIT);
    }

    private static InFlightScript script(List<InFlightAction> actions) {
        List<byte[]> chains = new ArrayList<>();
        for (int k = 0; k <= actions.size(); k++) {
            chains.add(chainAt(BASE + k));
        }
        return new InFlightScript(BASE, SESSION, actions, chains);
    }

    /** A script of n actions s = 6 … 5+n, ids 100+s; cancelled lists sequences with a cancel requested. */
    private static InFlightScript script(int n, long... cancelled) {
        List<InFlightAction> actions = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long s = BASE + i;
            boolean cancel = Stream.of(cancelled).flatMapToLong(java.util.Arrays::stream).anyMatch(c -> c == s);
            actions.add(new InFlightAction(100 + s, s, cancel, 0));
        }
        return script(actions);
    }

    private static List<Fate> fates(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Settled.class);
        return ((Settled) outcome).transitions().stream().map(CounterSettlement.Transition::fate).toList();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, script size, cancelled seqs, observation, expected fates, expected confirmed CA
                Arguments.of("figure 1: all ran, ACK says CA = b+n", 2, new long[0],
                        seen(7, new Report(SESSION, 5, 2, 0, 0)), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("figure 2: script lost, next REQUEST says CA = b", 2, new long[0],
                        seen(5), List.of(REQUEUED, REQUEUED), 5L),
                Arguments.of("figure 3: ACK lost, next REQUEST says CA = b+n", 2, new long[0],
                        seen(7), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("card pulled after the first of three", 3, new long[0],
                        seen(6), List.of(EXECUTED, REQUEUED, REQUEUED), 6L),
                Arguments.of("INFO of a later session settles like a REQUEST", 3, new long[0],
                        seen(7, new Report(0, 7, 0, 0, 0)), List.of(EXECUTED, EXECUTED, REQUEUED), 7L),
                Arguments.of("cancel of an action that did not run", 2, new long[] {7},
                        seen(6), List.of(EXECUTED, CANCELLED), 6L),
                Arguments.of("cancel too late: the card ran it first", 2, new long[] {7},
                        seen(7), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("merit failure on the second: it is requeued with one failure, the third too", 3,
                        new long[0], seen(6, new Report(SESSION, 5, 1, 7, 0x01)),
                        List.of(EXECUTED, REQUEUED, REQUEUED), 6L),
                Arguments.of("sequencing refusal (replay) is not a merit failure", 2, new long[0],
                        seen(6, new Report(SESSION, 5, 1, 7, 0x92)), List.of(EXECUTED, REQUEUED), 6L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void settle_followsTheTable(String name, int n, long[] cancelled, Observation observation, List<Fate> expected,
                                long confirmed) {
        Outcome outcome = settle(BASE, Optional.of(script(n, cancelled)), observation);
        assertThat(fates(outcome)).as(name).isEqualTo(expected);
        assertThat(((Settled) outcome).confirmedCa()).isEqualTo(confirmed);
        assertThat(((Settled) outcome).confirmedChain()).as("the chain the card signed is confirmed with its CA")
                .isEqualTo(chainAt(confirmed));
    }

    @Test
    void meritFailure_countsTowardsTheRetryLimitAndFailsAtIt() {
        InFlightScript s = script(List.of(new InFlightAction(1, 6, false, RETRY_LIMIT - 1)));
        Outcome outcome = settle(BASE, Optional.of(s), seen(5, new Report(SESSION, 5, 0, 6, 0x01)));
        assertThat(fates(outcome)).containsExactly(FAILED);
        assertThat(((Settled) outcome).transitions().get(0).meritFailures()).isEqualTo(RETRY_LIMIT);
        assertThat(((Settled) outcome).transitions().get(0).reason()).contains("01");
    }

    @Test
    void meritReportOfAnotherSession_isNotChargedToThisScript() {
        Outcome outcome = settle(BASE, Optional.of(script(1)), seen(5, new Report(SESSION + 5, 5, 0, 6, 0x01)));
        assertThat(((Settled) outcome).transitions().get(0).meritFailures()).isZero();
        assertThat(fates(outcome)).containsExactly(REQUEUED);
    }

    @Test
    void nothingInFlight_andCounterUnchanged_settlesNothing() {
        Outcome outcome = settle(9, Optional.empty(), seen(9));
        assertThat(outcome).isInstanceOf(Settled.class);
        assertThat(((Settled) outcome).confirmedCa()).isEqualTo(9);
        assertThat(((Settled) outcome).confirmedChain()).isEqualTo(chainAt(9));
        assertThat(((Settled) outcome).transitions()).isEmpty();
    }

    @Test
    void counterAboveWhatWasSent_isAnAnomaly() {
        assertThat(settle(BASE, Optional.of(script(2)), seen(8)))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void counterBelowTheConfirmedCa_isAnAnomaly() {
        assertThat(settle(BASE, Optional.of(script(2)), seen(4)))
                .isInstanceOf(Anomaly.class);
        assertThat(settle(9, Optional.empty(), seen(8)))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void counterMovingWithNothingInFlight_isAnAnomaly() {
        assertThat(settle(9, Optional.empty(), seen(10)))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void reportWhoseCountsDoNotAddUp_isAnAnomaly() {
        assertThat(settle(BASE, Optional.of(script(2)), seen(7, new Report(SESSION, 5, 1, 0, 0))))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void reportOfTheScriptSessionWithAnotherStartCa_isAnAnomaly() {
        assertThat(settle(BASE, Optional.of(script(2)), seen(6, new Report(SESSION, 6, 0, 0, 0))))
                .isInstanceOf(Anomaly.class);
    }

    // --- the action chain (protocol.md 1.3 and 8) ---------------------------------------------------------

    @ParameterizedTest(name = "k = {0} of 3")
    @ValueSource(ints = {0, 1, 2, 3})
    void aChainThatIsNotTheScriptsForItsCount_isAReportMismatch_withNothingSettled(int k) {
        long ca = BASE + k;
        // a card that ran k commands, but not these (e.g. the script of a session the server's restored record lost)
        Outcome foreign = settle(BASE, Optional.of(script(3)), Observation.of(ca, foreignChain()));
        // and a card whose chain is this script's, but for another count than the CA it signed
        Outcome shifted = settle(BASE, Optional.of(script(3)), Observation.of(ca, chainAt(ca == BASE ? ca + 1 : ca - 1),
                new Report(SESSION, BASE, k, 0, 0)));
        for (Outcome outcome : List.of(foreign, shifted)) {
            assertThat(outcome).isInstanceOf(ReportMismatch.class);
            assertThat(((ReportMismatch) outcome).reason()).contains("does not match what the server issued")
                    .contains("at CA " + ca).contains("restored from a backup");
        }
    }

    @Test
    void theSameScriptWithTheChainOfItsCount_settles_forEveryCount() {
        for (int k = 0; k <= 3; k++) {
            Outcome outcome = settle(BASE, Optional.of(script(3)), seen(BASE + k));
            assertThat(fates(outcome)).as("k = " + k).filteredOn(f -> f == EXECUTED).hasSize(k);
        }
    }

    @Test
    void nothingInFlight_counterUnchangedButAnotherChain_isAReportMismatch() {
        Outcome outcome = settle(9, Optional.empty(), Observation.of(9, foreignChain()));
        assertThat(outcome).isInstanceOf(ReportMismatch.class);
        assertThat(((ReportMismatch) outcome).reason()).contains("at the confirmed CA 9 with no script in flight");
    }

    @Test
    void anImpossibleCounter_staysACounterAnomaly_whateverItsChain() {
        assertThat(settle(BASE, Optional.of(script(2)), Observation.of(8, foreignChain()))).isInstanceOf(Anomaly.class);
        assertThat(settle(9, Optional.empty(), Observation.of(10, foreignChain()))).isInstanceOf(Anomaly.class);
    }

    @Test
    void aScriptNeedsOneExpectedChainPerCount() {
        List<InFlightAction> two = List.of(new InFlightAction(1, 6, false, 0), new InFlightAction(2, 7, false, 0));
        assertThatThrownBy(() -> new InFlightScript(BASE, SESSION, two, List.of(chainAt(5), chainAt(6))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
