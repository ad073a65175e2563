package org.cardsync.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.UpstreamMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first two steps of every upstream message (protocol.md 5.4): parse the card's bytes as the terminal API receives
 * them (hex), and check the MAC with K_UP in memory. Inputs: docs/test-vectors.json's REQUEST and ACK.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class UpstreamMessageBench {
    String requestHex;
    String ackHex;
    UpstreamMessage request;
    CmacKey upKey;

    @Setup
    public void setUp() {
        requestHex = TestVectors.upstream("REQUEST PURCHASE 250").path("message").asText();
        ackHex = TestVectors.upstream("ACK").path("message").asText();
        request = UpstreamMessage.parseHex(requestHex);
        upKey = CmacKey.of(Hex.decode(TestVectors.upstream("REQUEST PURCHASE 250").path("kUp").asText()));
    }

    /** Hex to a parsed REQUEST, its typed body decoded (as the terminal API's admission does). */
    @Benchmark
    public UpstreamMessage parseRequest() {
        return UpstreamMessage.parseHex(requestHex);
    }

    /** Hex to a parsed ACK with its session report. */
    @Benchmark
    public UpstreamMessage parseAck() {
        return UpstreamMessage.parseHex(ackHex);
    }

    /** The MAC check of rule 2: AES-CMAC over the message under K_UP, compared in constant time. */
    @Benchmark
    public boolean verifyMac() {
        return request.verify(upKey);
    }
}
