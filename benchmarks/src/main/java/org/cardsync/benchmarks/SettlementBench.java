package org.cardsync.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cardsync.backend.settlement.CounterSettlement;
import org.cardsync.backend.settlement.CounterSettlement.InFlightAction;
import org.cardsync.backend.settlement.CounterSettlement.InFlightScript;
import org.cardsync.backend.settlement.CounterSettlement.Observation;
import org.cardsync.backend.settlement.CounterSettlement.Outcome;
import org.cardsync.backend.settlement.CounterSettlement.Report;
import org.cardsync.protocol.ActionChain;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.Hex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The comparison of rule 6 ({@link CounterSettlement#settle}, a pure function) on the ACK of a 3-action script, the
 * benchmark sessions' shape: all three ran, or the last two were lost (requeued). The expected chains are built once,
 * with {@link ActionChain#next}, as {@code ExpectedChains} does per message; their cost is in the MAC benchmarks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SettlementBench {
    static final long CONFIRMED_CA = 10;
    static final long SESSION_ATC = 42;
    static final int ACTIONS = 3;
    static final int MERIT_RETRY_LIMIT = 3;

    byte[] confirmedChain;
    Optional<InFlightScript> inFlight;
    Observation allRan;
    Observation lastTwoLost;

    @Setup
    public void setUp() {
        CmacKey upKey = CmacKey.of(Hex.decode(TestVectors.upstream("ACK").path("kUp").asText()));
        confirmedChain = ActionChain.initial();
        List<byte[]> chains = new ArrayList<>();
        List<InFlightAction> actions = new ArrayList<>();
        byte[] chain = confirmedChain;
        chains.add(chain);
        for (int i = 1; i <= ACTIONS; i++) {
            actions.add(new InFlightAction(100 + i, CONFIRMED_CA + i, false, 0));
            byte[] commandMac = new byte[16];
            commandMac[15] = (byte) i;
            chain = ActionChain.next(upKey, chain, commandMac);
            chains.add(chain);
        }
        inFlight = Optional.of(new InFlightScript(CONFIRMED_CA, SESSION_ATC, actions, chains));
        allRan = Observation.of(CONFIRMED_CA + ACTIONS, chains.get(ACTIONS),
                new Report(SESSION_ATC, CONFIRMED_CA, ACTIONS, 0, 0));
        lastTwoLost = Observation.of(CONFIRMED_CA + 1, chains.get(1), new Report(SESSION_ATC, CONFIRMED_CA, 1, 0, 0));
    }

    /** The usual ACK: the signed CA covers the whole script, every action EXECUTED. */
    @Benchmark
    public Outcome settleAllExecuted() {
        return CounterSettlement.settle(CONFIRMED_CA, confirmedChain, inFlight, allRan, MERIT_RETRY_LIMIT);
    }

    /** An ACK after a torn session: one action ran, the last two go back to the pending list. */
    @Benchmark
    public Outcome settleLastTwoRequeued() {
        return CounterSettlement.settle(CONFIRMED_CA, confirmedChain, inFlight, lastTwoLost, MERIT_RETRY_LIMIT);
    }
}
