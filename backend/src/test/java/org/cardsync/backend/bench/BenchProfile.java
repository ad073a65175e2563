package org.cardsync.backend.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Scripts of exactly three actions, so that every measured session runs three; and the terminal API's rate limits
 * out of the way: the benchmark's terminals all post from one address, far beyond what one honest client sends.
 */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cardsync.scripts.max-actions", "3",
                "cardsync.terminal.rate-limit.per-client", "1000000000",
                "cardsync.terminal.rate-limit.per-application", "1000000000",
                "cardsync.terminal.rate-limit.challenges-per-client", "1000000000");
    }
}
