package org.cardsync.backend.keys;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cardsync.protocol.CmacKey;
import org.eclipse.microprofile.config.Config;

/**
 * Stops a published key from ever protecting real cards: anyone can read the demo master key and RFC 4493's example
 * key in this repository, so cards issued under either could be re-keyed or forged by anyone. An allow-list, not a
 * deny-list: such a key is refused in every profile except exactly demo, dev and test (a production started as
 * "staging" or "docker" is refused too). Runs at startup, so that such a server never serves a request, whichever
 * store holds the key: a token's key is recognised by its key check value, computed through the token, since its
 * bytes cannot be read.
 */
@ApplicationScoped
public class IssuerKeyGuard {
    /** The published demo master key (ASCII "demo-only-mk-v01"); also in docs/test-vectors.json. */
    static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");
    /** RFC 4493's example key, published in docs/test-vectors.json and the tests. */
    static final byte[] RFC4493_KEY = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    /** The only profiles that may run with a published key: none of them serves real cards. */
    static final Set<String> PUBLISHED_KEY_PROFILES = Set.of("demo", "dev", "test");

    private final IssuerKeyStore store;

    public IssuerKeyGuard(IssuerKeyStore store) {
        this.store = store;
    }

    void refuseDemoKeyInProduction(@Observes StartupEvent event, Config config) {
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        if (!profiles.isEmpty() && PUBLISHED_KEY_PROFILES.containsAll(profiles)) {
            return;
        }
        Map<String, byte[]> published = Map.of("demo master key", keyCheckValue(CmacKey.of(DEMO_MASTER_KEY)),
                "RFC 4493 example key", keyCheckValue(CmacKey.of(RFC4493_KEY)));
        for (int version : store.versions()) {
            byte[] kcv = keyCheckValue(store.masterKey(version));
            for (Map.Entry<String, byte[]> key : published.entrySet()) {
                if (Arrays.equals(kcv, key.getValue())) {
                    throw new IllegalStateException("the " + key.getKey() + " is configured in the "
                            + String.join(",", profiles) + " profile (" + store.describe(version) + "); it is published,"
                            + " so only the demo, dev and test profiles accept it; configure real issuer master keys"
                            + " outside the repository (cardsync.keys.master.<version>, or keys labelled "
                            + Pkcs11IssuerKeyStore.LABEL_PREFIX + "<version> in the PKCS#11 token)");
                }
            }
        }
    }

    /**
     * The AES key check value of ANSI X9.24-1:2017: the leftmost 5 bytes of AES-CMAC over a zero block. It tells two
     * keys apart (2^-40 chance of a false match) without revealing either.
     */
    static byte[] keyCheckValue(CmacKey key) {
        return Arrays.copyOf(key.mac(new byte[16]), 5);
    }
}
