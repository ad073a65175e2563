package org.cardsync.backend.keys;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Master keys from {@link IssuerKeysConfig}; refuses to start in the prod profile with the demo key. */
@ApplicationScoped
public class ConfigIssuerKeyStore implements IssuerKeyStore {
    /** The published demo master key (ASCII "demo-only-mk-v01"); also in docs/test-vectors.json. */
    static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");

    private final Map<Integer, byte[]> keys = new TreeMap<>();
    private final int currentVersion;

    public ConfigIssuerKeyStore(IssuerKeysConfig config) {
        config.master().forEach((version, hex) -> {
            byte[] key;
            try {
                key = HexFormat.of().parseHex(hex.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cardsync.keys.master." + version + " is not hex");
            }
            if (key.length != 16) {
                throw new IllegalStateException("cardsync.keys.master." + version + " must be 16 bytes (32 hex digits)");
            }
            keys.put(version, key);
        });
        this.currentVersion = config.currentVersion();
        if (!keys.containsKey(currentVersion)) {
            throw new IllegalStateException("no master key configured for the current key version " + currentVersion
                    + " (set cardsync.keys.master." + currentVersion + ")");
        }
    }

    /**
     * Stops the published demo key from ever protecting real cards: anyone can read it in this repository,
     * so cards issued under it could be re-keyed or forged by anyone.
     */
    void refuseDemoKeyInProduction(@Observes StartupEvent event) {
        refuseDemoKeyInProduction(ConfigUtils.getProfiles());
    }

    void refuseDemoKeyInProduction(java.util.List<String> activeProfiles) {
        if (activeProfiles.contains("prod") && usesDemoKey()) {
            throw new IllegalStateException("the demo master key is configured in the prod profile; configure real "
                    + "issuer master keys (cardsync.keys.master.<version>) outside the repository");
        }
    }

    boolean usesDemoKey() {
        return keys.values().stream().anyMatch(k -> Arrays.equals(k, DEMO_MASTER_KEY));
    }

    @Override
    public byte[] masterKey(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("no master key for key version " + version);
        }
        return key.clone();
    }

    @Override
    public int currentVersion() {
        return currentVersion;
    }
}
