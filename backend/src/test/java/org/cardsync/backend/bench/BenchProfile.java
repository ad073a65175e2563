package org.cardsync.backend.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Scripts of exactly three actions, so that every measured session runs three. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cardsync.scripts.max-actions", "3");
    }
}
