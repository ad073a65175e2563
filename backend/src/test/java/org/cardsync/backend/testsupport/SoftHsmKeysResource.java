package org.cardsync.backend.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * Every {@code @QuarkusTest} runs with its issuer master keys in SoftHSM2 ({@code cardsync.keys.store=pkcs11}): the
 * token {@link #APP} holds key version 1 = the published demo key (the test vectors need it) and version 2 = a random
 * key (the rotation tests), both non-extractable.
 *
 * <p>SoftHSM2 lists its tokens once per process, when the library is first opened, so every token a test of this JVM
 * needs is made here, once, before anything opens it, in target/softhsm (surefire's SOFTHSM2_CONF: one per checkout).
 * Quarkus may load this class once per application start, in a new class loader each time, so what the next start
 * needs is kept in system properties (as EmbeddedPostgresResource does).
 */
@WithTestResource(value = SoftHsmKeysResource.class, scope = TestResourceScope.GLOBAL)
public class SoftHsmKeysResource implements QuarkusTestResourceLifecycleManager {
    /** The published demo master key (docs/test-vectors.json). */
    public static final String DEMO_KEY = "64656d6f2d6f6e6c792d6d6b2d763031";
    /** The application's token: v1 = the demo key, v2 = a random key. */
    public static final String APP = "cardsync-test";
    /** A token whose only key, v1 (random), was imported extractable: a store must refuse it. */
    public static final String EXTRACTABLE = "cardsync-extractable";
    /** A token whose only key, v1, is random: what an issuer's production token looks like. */
    public static final String REAL = "cardsync-real";
    /**
     * Like {@link #REAL}, for the wrong-PIN test alone: SoftHSM2 keeps a token logged in for the whole process once
     * one session has logged in, so a token any other test opened would take any PIN.
     */
    public static final String NEVER_LOGGED_IN = "cardsync-pin";

    private static final String PIN_PROPERTY = "cardsync.test.softhsm.pin";

    @Override
    public Map<String, String> start() {
        return Map.of("cardsync.keys.store", "pkcs11",
                "cardsync.keys.pkcs11.config", config(APP).toString(),
                "cardsync.keys.pkcs11.pin", pin());
    }

    @Override
    public void stop() {
        // the token outlives this application start: the next profile's start reuses it
    }

    /** The SunPKCS11 configuration file of one of the tokens above (made on first use). */
    public static synchronized Path config(String token) {
        ensureTokens();
        return Path.of(System.getProperty("cardsync.test.softhsm." + token));
    }

    /** The user PIN of every token above. */
    public static synchronized String pin() {
        ensureTokens();
        return System.getProperty(PIN_PROPERTY);
    }

    private static void ensureTokens() {
        if (System.getProperty(PIN_PROPERTY) != null) {
            return;
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven (surefire sets it)");
        }
        Path softhsmConf = Path.of(conf);
        SoftHsmToken.wipe(softhsmConf);
        String pin = SoftHsmToken.randomHex(8);
        SoftHsmToken app = made(softhsmConf, APP, pin);
        app.importAesKey("cardsync-master-v1", HexFormat.of().parseHex(DEMO_KEY), false);
        app.importAesKey("cardsync-master-v2", HexFormat.of().parseHex(SoftHsmToken.randomHex(16)), false);
        made(softhsmConf, EXTRACTABLE, pin).importAesKey("cardsync-master-v1",
                HexFormat.of().parseHex(SoftHsmToken.randomHex(16)), true);
        made(softhsmConf, REAL, pin).importAesKey("cardsync-master-v1",
                HexFormat.of().parseHex(SoftHsmToken.randomHex(16)), false);
        made(softhsmConf, NEVER_LOGGED_IN, pin).importAesKey("cardsync-master-v1",
                HexFormat.of().parseHex(SoftHsmToken.randomHex(16)), false);
        System.setProperty(PIN_PROPERTY, pin);
    }

    private static SoftHsmToken made(Path conf, String label, String pin) {
        SoftHsmToken token = SoftHsmToken.create(conf, label, pin);
        System.setProperty("cardsync.test.softhsm." + label, token.sunPkcs11Config.toString());
        return token;
    }
}
