package org.cardsync.backend.keys;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HexFormat;
import org.cardsync.protocol.CmacKey;
import org.eclipse.microprofile.config.Config;

/**
 * Stops the published demo key from ever protecting real cards: anyone can read it in this repository, so cards
 * issued under it could be re-keyed or forged by anyone. Runs at startup, so that a production server with the demo
 * key never serves a request, whichever store holds it: a token's key is recognised by its key check value, computed
 * through the token, since its bytes cannot be read.
 */
@ApplicationScoped
public class IssuerKeyGuard {
    /** The published demo master key (ASCII "demo-only-mk-v01"); also in docs/test-vectors.json. */
    static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");

    private final IssuerKeyStore store;

    public IssuerKeyGuard(IssuerKeyStore store) {
        this.store = store;
    }

    void refuseDemoKeyInProduction(@Observes StartupEvent event, Config config) {
        if (!config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod")) {
            return;
        }
        byte[] demo = keyCheckValue(CmacKey.of(DEMO_MASTER_KEY));
        for (int version : store.versions()) {
            if (Arrays.equals(keyCheckValue(store.masterKey(version)), demo)) {
                throw new IllegalStateException("the demo master key is configured in the prod profile ("
                        + store.describe(version) + "); configure real issuer master keys outside the repository "
                        + "(cardsync.keys.master.<version>, or keys labelled "
                        + Pkcs11IssuerKeyStore.LABEL_PREFIX + "<version> in the PKCS#11 token)");
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
