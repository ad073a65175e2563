package org.cardsync.backend.bench;

import java.util.HashMap;
import java.util.Map;
import org.cardsync.backend.testsupport.PostgresProfile;

/** PostgreSQL, with scripts of exactly three actions so that every measured session runs three. */
public class BenchProfile extends PostgresProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("cardsync.scripts.max-actions", "3");
        return config;
    }
}
