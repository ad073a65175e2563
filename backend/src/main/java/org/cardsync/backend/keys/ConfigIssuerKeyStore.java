package org.cardsync.backend.keys;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.AesCmac;
import org.eclipse.microprofile.config.Config;

/** Master keys from {@code cardsync.keys}; refuses to start in the prod profile with the demo key. */
@ApplicationScoped
public class ConfigIssuerKeyStore implements IssuerKeyStore {
    /** The published demo master key (ASCII "demo-only-mk-v01"); also in docs/test-vectors.json. */
    static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");

    private final Map<Integer, byte[]> keys = new TreeMap<>();
    private final int currentVersion;

    public ConfigIssuerKeyStore(CardsyncConfig.Keys config) {
        config.master().forEach((version, hex) -> {
            byte[] key;
            try {
                key = HexFormat.of().parseHex(hex.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cardsync.keys.master." + version + " is not hex");
            }
            if (key.length != AesCmac.KEY_LENGTH) {
                throw new IllegalStateException("cardsync.keys.master." + version + " must be " + AesCmac.KEY_LENGTH
                        + " bytes (" + 2 * AesCmac.KEY_LENGTH + " hex digits)");
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
     * so cards issued under it could be re-keyed or forged by anyone. Runs at startup, so that a production
     * server with the demo key never serves a request.
     */
    void refuseDemoKeyInProduction(@Observes StartupEvent event, Config config) {
        if (config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod") && usesDemoKey()) {
            throw new IllegalStateException("the demo master key is configured in the prod profile; configure real "
                    + "issuer master keys (cardsync.keys.master.<version>) outside the repository");
        }
    }

    private boolean usesDemoKey() {
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
