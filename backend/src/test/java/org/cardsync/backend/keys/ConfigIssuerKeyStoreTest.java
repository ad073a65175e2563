package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import org.cardsync.backend.config.CardsyncConfig;
import org.junit.jupiter.api.Test;

/**
 * The issuer key store as Quarkus starts it: built from the real application.properties in a given profile
 * (with what an operator adds on top, as environment variables would), then handed the startup event, which
 * is where the demo key is refused in production. {@link IssuerKeyGuardRegistrationTest} checks that the
 * running application delivers that event to it.
 */
class ConfigIssuerKeyStoreTest {
    /** The published demo master key: the masterKey of docs/test-vectors.json's kdf vectors. */
    private static final String DEMO_KEY = "64656d6f2d6f6e6c792d6d6b2d763031";
    private static final String REAL_KEY = "00112233445566778899aabbccddeeff";

    /** The application's configuration in a profile, with the given keys set above application.properties. */
    private static SmallRyeConfig config(String profile, Map<String, String> operatorSettings) {
        URL properties = ConfigIssuerKeyStoreTest.class.getResource("/application.properties");
        try {
            return new SmallRyeConfigBuilder()
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new PropertiesConfigSource(operatorSettings, "operator settings", 300))
                    .withMapping(CardsyncConfig.Keys.class)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Quarkus does at start: build the bean from the mapping, then fire the startup event at it. */
    private static void start(SmallRyeConfig config) {
        ConfigIssuerKeyStore store = new ConfigIssuerKeyStore(config.getConfigMapping(CardsyncConfig.Keys.class));
        new IssuerKeyGuard(store).refuseDemoKeyInProduction(new StartupEvent(), config);
    }

    @Test
    void prodProfileWithTheDemoKey_refusesToStart_sayingWhatToConfigure() {
        SmallRyeConfig prod = config("prod", Map.of("cardsync.keys.master.1", DEMO_KEY));

        assertThatThrownBy(() -> start(prod)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo master key is configured in the prod profile")
                .hasMessageContaining("cardsync.keys.master.<version>");
    }

    @Test
    void prodProfileWithTheDemoKeyUnderAnOlderVersion_refusesToStart() {
        SmallRyeConfig prod = config("prod", Map.of("cardsync.keys.master.1", DEMO_KEY,
                "cardsync.keys.master.2", REAL_KEY, "cardsync.keys.current-version", "2"));

        assertThatThrownBy(() -> start(prod)).hasMessageContaining("demo master key");
    }

    /** The guard is an allow-list: any profile but demo, dev and test is treated as production. */
    @Test
    void aCustomProfileWithTheDemoKey_refusesToStart() {
        SmallRyeConfig staging = config("staging", Map.of("cardsync.keys.master.1", DEMO_KEY));

        assertThatThrownBy(() -> start(staging)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo master key is configured in the staging profile");
    }

    @Test
    void prodProfileWithRfc4493sExampleKey_refusesToStart() {
        SmallRyeConfig prod = config("prod", Map.of("cardsync.keys.master.1", "2b7e151628aed2a6abf7158809cf4f3c"));

        assertThatThrownBy(() -> start(prod)).hasMessageContaining("RFC 4493 example key is configured in the prod");
    }

    @Test
    void devAndTestProfiles_startWithTheDemoKey() {
        assertThatCode(() -> start(config("dev", Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> start(config("test", Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void prodProfileWithARealKey_starts() {
        SmallRyeConfig prod = config("prod", Map.of("cardsync.keys.master.1", REAL_KEY));

        assertThatCode(() -> start(prod)).doesNotThrowAnyException();
    }

    @Test
    void prodProfile_getsNoKeyFromTheRepository_andSaysWhichToSet() {
        assertThatThrownBy(() -> start(config("prod", Map.of()))).hasMessageContaining("set cardsync.keys.master.1");
    }

    @Test
    void demoProfile_startsWithThePublishedDemoKey() {
        SmallRyeConfig demo = config("demo", Map.of());

        assertThat(demo.getConfigMapping(CardsyncConfig.Keys.class).master()).containsEntry(1, DEMO_KEY);
        assertThatCode(() -> start(demo)).doesNotThrowAnyException();
    }

    @Test
    void malformedKeys_areRefusedWithTheKeyName() {
        assertThatThrownBy(() -> start(config("prod", Map.of("cardsync.keys.master.1", "zz"))))
                .hasMessageContaining("cardsync.keys.master.1 is not hex");
        assertThatThrownBy(() -> start(config("prod", Map.of("cardsync.keys.master.1", "0011"))))
                .hasMessageContaining("cardsync.keys.master.1 must be 16 bytes");
    }
}
