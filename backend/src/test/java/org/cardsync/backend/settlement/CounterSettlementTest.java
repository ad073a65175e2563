package org.cardsync.backend.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.CANCELLED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.EXECUTED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.FAILED;
import static org.cardsync.backend.settlement.CounterSettlement.Fate.REQUEUED;

import java.util.ArrayList;
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
import org.cardsync.backend.settlement.CounterSettlement.Settled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The settlement table of protocol.md section 8, including the three figures of the patent. */
class CounterSettlementTest {
    private static final int RETRY_LIMIT = 3;
    private static final long BASE = 5;
    private static final long SESSION = 11;

    /** A script of n actions s = 6 … 5+n, ids 100+s; cancelled lists sequences with a cancel requested. */
    private static InFlightScript script(int n, long... cancelled) {
        List<InFlightAction> actions = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long s = BASE + i;
            boolean cancel = Stream.of(cancelled).flatMapToLong(java.util.Arrays::stream).anyMatch(c -> c == s);
            actions.add(new InFlightAction(100 + s, s, cancel, 0));
        }
        return new InFlightScript(BASE, SESSION, actions);
    }

    private static List<Fate> fates(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Settled.class);
        return ((Settled) outcome).transitions().stream().map(CounterSettlement.Transition::fate).toList();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, script size, cancelled seqs, observation, expected fates, expected confirmed CA
                Arguments.of("figure 1: all ran, ACK says CA = b+n", 2, new long[0],
                        Observation.of(7, new Report(SESSION, 5, 2, 0, 0)), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("figure 2: script lost, next REQUEST says CA = b", 2, new long[0],
                        Observation.of(5), List.of(REQUEUED, REQUEUED), 5L),
                Arguments.of("figure 3: ACK lost, next REQUEST says CA = b+n", 2, new long[0],
                        Observation.of(7), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("card pulled after the first of three", 3, new long[0],
                        Observation.of(6), List.of(EXECUTED, REQUEUED, REQUEUED), 6L),
                Arguments.of("INFO of a later session settles like a REQUEST", 3, new long[0],
                        Observation.of(7, new Report(0, 7, 0, 0, 0)), List.of(EXECUTED, EXECUTED, REQUEUED), 7L),
                Arguments.of("cancel of an action that did not run", 2, new long[] {7},
                        Observation.of(6), List.of(EXECUTED, CANCELLED), 6L),
                Arguments.of("cancel too late: the card ran it first", 2, new long[] {7},
                        Observation.of(7), List.of(EXECUTED, EXECUTED), 7L),
                Arguments.of("merit failure on the second: it is requeued with one failure, the third too", 3,
                        new long[0], Observation.of(6, new Report(SESSION, 5, 1, 7, 0x01)),
                        List.of(EXECUTED, REQUEUED, REQUEUED), 6L),
                Arguments.of("sequencing refusal (replay) is not a merit failure", 2, new long[0],
                        Observation.of(6, new Report(SESSION, 5, 1, 7, 0x92)), List.of(EXECUTED, REQUEUED), 6L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void settle_followsTheTable(String name, int n, long[] cancelled, Observation observation, List<Fate> expected,
                                long confirmed) {
        Outcome outcome = CounterSettlement.settle(BASE, Optional.of(script(n, cancelled)), observation, RETRY_LIMIT);
        assertThat(fates(outcome)).as(name).isEqualTo(expected);
        assertThat(((Settled) outcome).confirmedCa()).isEqualTo(confirmed);
    }

    @Test
    void meritFailure_countsTowardsTheRetryLimitAndFailsAtIt() {
        InFlightScript s = new InFlightScript(BASE, SESSION, List.of(new InFlightAction(1, 6, false, RETRY_LIMIT - 1)));
        Outcome outcome = CounterSettlement.settle(BASE, Optional.of(s),
                Observation.of(5, new Report(SESSION, 5, 0, 6, 0x01)), RETRY_LIMIT);
        assertThat(fates(outcome)).containsExactly(FAILED);
        assertThat(((Settled) outcome).transitions().get(0).meritFailures()).isEqualTo(RETRY_LIMIT);
        assertThat(((Settled) outcome).transitions().get(0).reason()).contains("01");
    }

    @Test
    void meritReportOfAnotherSession_isNotChargedToThisScript() {
        Outcome outcome = CounterSettlement.settle(BASE, Optional.of(script(1)),
                Observation.of(5, new Report(SESSION + 5, 5, 0, 6, 0x01)), RETRY_LIMIT);
        assertThat(((Settled) outcome).transitions().get(0).meritFailures()).isZero();
        assertThat(fates(outcome)).containsExactly(REQUEUED);
    }

    @Test
    void nothingInFlight_andCounterUnchanged_settlesNothing() {
        Outcome outcome = CounterSettlement.settle(9, Optional.empty(), Observation.of(9), RETRY_LIMIT);
        assertThat(outcome).isEqualTo(new Settled(9, List.of()));
    }

    @Test
    void counterAboveWhatWasSent_isAnAnomaly() {
        assertThat(CounterSettlement.settle(BASE, Optional.of(script(2)), Observation.of(8), RETRY_LIMIT))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void counterBelowTheConfirmedCa_isAnAnomaly() {
        assertThat(CounterSettlement.settle(BASE, Optional.of(script(2)), Observation.of(4), RETRY_LIMIT))
                .isInstanceOf(Anomaly.class);
        assertThat(CounterSettlement.settle(9, Optional.empty(), Observation.of(8), RETRY_LIMIT))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void counterMovingWithNothingInFlight_isAnAnomaly() {
        assertThat(CounterSettlement.settle(9, Optional.empty(), Observation.of(10), RETRY_LIMIT))
                .isInstanceOf(Anomaly.class);
    }

    @Test
    void reportWhoseCountsDoNotAddUp_isAnAnomaly() {
        assertThat(CounterSettlement.settle(BASE, Optional.of(script(2)),
                Observation.of(7, new Report(SESSION, 5, 1, 0, 0)), RETRY_LIMIT)).isInstanceOf(Anomaly.class);
    }

    @Test
    void reportOfTheScriptSessionWithAnotherStartCa_isAnAnomaly() {
        assertThat(CounterSettlement.settle(BASE, Optional.of(script(2)),
                Observation.of(6, new Report(SESSION, 6, 0, 0, 0)), RETRY_LIMIT)).isInstanceOf(Anomaly.class);
    }
}
