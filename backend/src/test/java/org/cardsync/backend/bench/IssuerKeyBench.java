package org.cardsync.backend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.keys.DerivedKeyCache;
import org.cardsync.backend.keys.IssuerKeyStore;
import org.cardsync.backend.keys.IssuerKeyStores;
import org.cardsync.backend.testsupport.SoftHsmKeysResource;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of surefire's default run): what a key derivation and the MAC check
 * of one upstream message cost with the master key in SoftHSM2 through SunPKCS11, against the same with the master key
 * in memory (the configuration store). One thread, the demo key, docs/test-vectors.json's first REQUEST. Run with
 * {@code ./mvnw -B -ntp -pl backend -am verify -Dtest=IssuerKeyBench -Dsurefire.failIfNoSpecifiedTests=false};
 * results in target/bench-keys.txt, docs/security.md quotes them.
 */
class IssuerKeyBench {
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = Integer.getInteger("bench.iterations", 50_000);

    @Test
    void derivationAndMacCheck_tokenAgainstMemory() throws IOException {
        JsonNode request = new ObjectMapper().readTree(Path.of(System.getProperty("cardsync.testVectors")).toFile())
                .path("upstream").get(0);
        UpstreamMessage message = UpstreamMessage.parseHex(request.path("message").asText());
        CardApplicationId id = message.id();
        // the derived-key cache off: every call runs the KDF, as a cache miss does
        DerivedKeyCache off = new DerivedKeyCache(0, Duration.ofMinutes(1));
        IssuerKeyStore tokenStore = store(Map.of("cardsync.keys.store", "pkcs11",
                "cardsync.keys.pkcs11.config", SoftHsmKeysResource.config(SoftHsmKeysResource.APP).toString(),
                "cardsync.keys.pkcs11.pin", SoftHsmKeysResource.pin()));
        CardKeys token = new CardKeys(tokenStore, off);
        // the backend's default: every message after a card application's first finds K_UP in the cache
        CardKeys tokenCached = new CardKeys(tokenStore, new DerivedKeyCache(10_000, Duration.ofMinutes(10)));
        CardKeys memory = new CardKeys(store(Map.of("cardsync.keys.store", "config",
                "cardsync.keys.master.1", SoftHsmKeysResource.DEMO_KEY)), off);
        assertThat(token.forPersonalisation(1, id).upKey()).isEqualTo(HexFormat.of().parseHex(request.path("kUp").asText()));

        StringBuilder out = new StringBuilder("Issuer keys: cost per operation, one thread, " + MEASURED + " runs\n");
        double tokenDerive = micros(() -> token.forPersonalisation(1, id) != null);
        double memoryDerive = micros(() -> memory.forPersonalisation(1, id) != null);
        double tokenCheck = micros(() -> token.verifies(1, message));
        double memoryCheck = micros(() -> memory.verifies(1, message));
        out.append(line("derive K_UP and K_DN (personalisation)", tokenDerive, memoryDerive));
        double cachedCheck = micros(() -> tokenCached.verifies(1, message));
        out.append(line("check an upstream MAC (derive K_UP, import, verify)", tokenCheck, memoryCheck));
        out.append(String.format(Locale.ROOT, "  %-55s SoftHSM2 %7.1f µs   (K_UP from the derived-key cache)%n",
                "check an upstream MAC, K_UP cached", cachedCheck));
        Files.writeString(Path.of("target", "bench-keys.txt"), out);
        System.out.print(out);
    }

    private static IssuerKeyStore store(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "bench", 300))
                .withMapping(CardsyncConfig.Keys.class).build();
        return new IssuerKeyStores().issuerKeyStore(config.getConfigMapping(CardsyncConfig.Keys.class));
    }

    /** Microseconds per call, after a warm-up; every call must return true (a failed check would be cheaper). */
    private static double micros(BooleanSupplier call) {
        for (int i = 0; i < WARM_UP; i++) {
            assertThat(call.getAsBoolean()).isTrue();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            if (!call.getAsBoolean()) {
                throw new AssertionError("a MAC check failed");
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / MEASURED;
    }

    private static String line(String what, double token, double memory) {
        return String.format(Locale.ROOT, "  %-55s SoftHSM2 %7.1f µs   in memory %6.1f µs   (x%.0f)%n", what, token,
                memory, token / memory);
    }
}
