package org.cardsync.backend.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Issuer master keys (rule 10 of the architecture). Never committed except the named demo key. */
@ConfigMapping(prefix = "cardsync.keys")
public interface IssuerKeysConfig {
    /**
     * Master keys by key version, 32 hex digits each (AES-128). Supply them from the environment or a
     * key store in production, e.g. {@code -Dcardsync.keys.master.1=<hex>}; the demo key exists only in
     * the dev, test and demo profiles.
     */
    Map<Integer, String> master();

    /** The key version new card applications are issued with. */
    @WithDefault("1")
    int currentVersion();
}
