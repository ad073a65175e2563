package org.cardsync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cardsync.backend.settlement.CounterSettlement.Fate;
import org.cardsync.backend.settlement.CounterSettlement.Settled;
import org.cardsync.backend.settlement.CounterSettlement.Transition;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * CI's check of the benchmarks (never of their speed): each computes what docs/test-vectors.json and the settlement
 * rules say, and JMH's generated harness runs every one of them once.
 */
class BenchmarksSmokeTest {
    private static final List<Class<?>> BENCHMARKS = List.of(UpstreamMessageBench.class, CardKeyBench.class,
            SettlementBench.class);
    private static final byte[] SOME_MESSAGE = HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a");

    @Test
    void parse_givesTheVectorsFields() {
        UpstreamMessageBench bench = new UpstreamMessageBench();
        bench.setUp();

        UpstreamMessage request = bench.parseRequest();
        UpstreamMessage ack = bench.parseAck();

        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.atc()).isEqualTo(TestVectors.upstream("REQUEST PURCHASE 250").path("atc").asLong());
        assertThat(request.request().amount()).isEqualTo(250);
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.atc()).isEqualTo(TestVectors.upstream("ACK").path("atc").asLong());
        assertThat(ack.ca()).isEqualTo(TestVectors.upstream("ACK").path("ca").asLong());
    }

    @Test
    void verifyMac_acceptsTheVectorsRequest() {
        UpstreamMessageBench bench = new UpstreamMessageBench();
        bench.setUp();

        assertThat(bench.verifyMac()).isTrue();
    }

    @Test
    void derivedAndCachedKeys_areTheVectorsKUp_andTheMessageVerifies() {
        CardKeyBench bench = new CardKeyBench();
        bench.setUp();
        byte[] kUp = HexFormat.of().parseHex(TestVectors.upstream("REQUEST PURCHASE 250").path("kUp").asText());
        byte[] expected = AesCmac.mac(kUp, SOME_MESSAGE);

        assertThat(bench.deriveUpKey().mac(SOME_MESSAGE)).isEqualTo(expected);
        assertThat(bench.cachedUpKey().mac(SOME_MESSAGE)).isEqualTo(expected);
        assertThat(bench.parseAndVerifyWithCachedKey()).isTrue();
    }

    @Test
    void settlement_executesAllThree_orRequeuesTheLastTwo() {
        SettlementBench bench = new SettlementBench();
        bench.setUp();

        Settled all = (Settled) bench.settleAllExecuted();
        Settled torn = (Settled) bench.settleLastTwoRequeued();

        assertThat(all.confirmedCa()).isEqualTo(SettlementBench.CONFIRMED_CA + 3);
        assertThat(all.transitions()).extracting(Transition::fate).containsExactly(Fate.EXECUTED, Fate.EXECUTED,
                Fate.EXECUTED);
        assertThat(torn.confirmedCa()).isEqualTo(SettlementBench.CONFIRMED_CA + 1);
        assertThat(torn.transitions()).extracting(Transition::fate).containsExactly(Fate.EXECUTED, Fate.REQUEUED,
                Fate.REQUEUED);
    }

    @Test
    void jmh_runsEveryBenchmarkOnce() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("org\\.cardsync\\.benchmarks\\..*")
                .mode(Mode.SingleShotTime)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .shouldFailOnError(true)
                .build()).run();

        Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
        assertThat(ran).isEqualTo(declaredBenchmarks());
    }

    private static Set<String> declaredBenchmarks() {
        return BENCHMARKS.stream()
                .flatMap(c -> Stream.of(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                        .map((Method m) -> c.getName() + "." + m.getName()))
                .collect(Collectors.toSet());
    }
}
