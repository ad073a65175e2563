package org.cardsync.backend.keys;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CmacKey;

/**
 * Master keys from {@code cardsync.keys.master.<version>} ({@code cardsync.keys.store=config}): the demo's published
 * key, or a trial's. The keys are in the JVM's memory; an issuer keeps them in a token ({@link Pkcs11IssuerKeyStore}).
 */
final class ConfigIssuerKeyStore implements IssuerKeyStore {
    private final Map<Integer, CmacKey> keys = new TreeMap<>();
    private final int currentVersion;

    ConfigIssuerKeyStore(CardsyncConfig.Keys config) {
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
            keys.put(version, CmacKey.of(key));
            Arrays.fill(key, (byte) 0);
        });
        this.currentVersion = config.currentVersion();
        if (!keys.containsKey(currentVersion)) {
            throw new IllegalStateException("no master key configured for the current key version " + currentVersion
                    + " (set cardsync.keys.master." + currentVersion + ")");
        }
    }

    @Override
    public CmacKey masterKey(int version) {
        CmacKey key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("no master key for key version " + version);
        }
        return key;
    }

    @Override
    public Set<Integer> versions() {
        return keys.keySet();
    }

    @Override
    public int currentVersion() {
        return currentVersion;
    }

    @Override
    public CmacKey cardKey(byte[] derivedKey) {
        CmacKey key = CmacKey.of(derivedKey);
        Arrays.fill(derivedKey, (byte) 0);
        return key;
    }

    @Override
    public String describe(int version) {
        return "cardsync.keys.master." + version;
    }
}
