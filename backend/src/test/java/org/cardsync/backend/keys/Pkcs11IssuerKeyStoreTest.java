package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.testsupport.SoftHsmKeysResource;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#11 issuer key store on SoftHSM2 tokens (made by {@link SoftHsmKeysResource}), built from the real
 * application.properties as Quarkus builds it: the KDF and the MACs computed through the token give the published test
 * vectors; a key that could leave the token is refused; the prod profile refuses a token holding the demo key.
 */
class Pkcs11IssuerKeyStoreTest {
    private static final JsonNode VECTORS = vectors();

    private static JsonNode vectors() {
        try {
            return new ObjectMapper().readTree(Path.of(System.getProperty("cardsync.testVectors")).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's configuration in a profile, with the token given as an operator would (environment). */
    private static SmallRyeConfig config(String profile, String token, Map<String, String> more) {
        Map<String, String> operator = new HashMap<>(Map.of("cardsync.keys.store", "pkcs11",
                "cardsync.keys.pkcs11.config", SoftHsmKeysResource.config(token).toString(),
                "cardsync.keys.pkcs11.pin", SoftHsmKeysResource.pin()));
        operator.putAll(more);
        try {
            return new SmallRyeConfigBuilder()
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(
                            Pkcs11IssuerKeyStoreTest.class.getResource("/application.properties"), 250))
                    .withSources(new PropertiesConfigSource(operator, "operator settings", 300))
                    .withMapping(CardsyncConfig.Keys.class)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Quarkus does at start: produce the store from the mapping, then fire the startup event at the guard. */
    private static IssuerKeyStore start(SmallRyeConfig config) {
        IssuerKeyStore store = new IssuerKeyStores().issuerKeyStore(config.getConfigMapping(CardsyncConfig.Keys.class));
        new IssuerKeyGuard(store).refuseDemoKeyInProduction(new StartupEvent(), config);
        return store;
    }

    @Test
    void kdfThroughTheToken_givesTheTestVectorsKeys() {
        IssuerKeyStore store = start(config("test", SoftHsmKeysResource.APP, Map.of()));
        CardKeys keys = new CardKeys(store, new DerivedKeyCache(10_000, Duration.ofMinutes(10)));
        assertThat(store).isInstanceOf(Pkcs11IssuerKeyStore.class);
        assertThat(VECTORS.path("kdf")).isNotEmpty();
        for (JsonNode v : VECTORS.path("kdf")) {
            assertThat(v.path("masterKey").asText()).isEqualTo(SoftHsmKeysResource.DEMO_KEY);
            CardKeyPair pair = keys.forPersonalisation(1, CardApplicationId.ofHex(v.path("cardId").asText(),
                    v.path("aid").asText()));
            byte[] derived = "CS-MAC-UP".equals(v.path("label").asText()) ? pair.upKey() : pair.downKey();
            assertThat(HexFormat.of().formatHex(derived)).isEqualTo(v.path("key").asText());
        }
    }

    @Test
    void cmacThroughTheToken_givesRfc4493sTags_forEveryMessageLength() {
        IssuerKeyStore store = start(config("test", SoftHsmKeysResource.APP, Map.of()));
        for (JsonNode v : VECTORS.path("cmac")) {
            CmacKey inToken = store.cardKey(HexFormat.of().parseHex(v.path("key").asText()));
            byte[] message = HexFormat.of().parseHex(v.path("message").asText());
            assertThat(HexFormat.of().formatHex(inToken.mac(message))).as(v.path("name").asText())
                    .isEqualTo(v.path("mac").asText());
        }
    }

    @Test
    void cardKey_wipesTheDerivedBytesItWasGiven() {
        IssuerKeyStore store = start(config("test", SoftHsmKeysResource.APP, Map.of()));
        byte[] derived = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");

        store.cardKey(derived);

        assertThat(derived).containsOnly(0);
    }

    /**
     * Each card key used to become a token session object that was never freed (5,000 messages, 5,000 objects): a
     * real HSM's object limit would then fail every MAC check. Card keys now stay out of the token.
     */
    @Test
    void cardKeys_leaveNoSessionObjectInTheToken() {
        IssuerKeyStore store = start(config("test", SoftHsmKeysResource.APP, Map.of()));
        CardKeys keys = new CardKeys(store, new DerivedKeyCache(10_000, Duration.ofMinutes(10)));
        Path token = SoftHsmKeysResource.config(SoftHsmKeysResource.APP);
        int before = TokenSessionObjects.secretKeys(token);
        int uses = 2_000;
        for (int i = 0; i < uses; i++) {
            CardApplicationId id = CardApplicationId.ofHex(String.format("%016x", i), "f04341524453594e4301");
            (i % 2 == 0 ? keys.upKey(1, id) : keys.downKey(1, id)).mac(new byte[] {1, 2, 3});
        }
        int after = TokenSessionObjects.secretKeys(token);

        System.out.println("SECURITY hsm-session-objects: " + uses + " card keys derived and used, token session"
                + " objects " + before + " before, " + after + " after");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aMasterKeyImportedExtractable_isRefused() {
        assertThatThrownBy(() -> start(config("test", SoftHsmKeysResource.EXTRACTABLE, Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cardsync-master-v1 is extractable or not sensitive");
    }

    /** SunPKCS11's key description starts with the configuration's name: a name must not vouch for the key. */
    @Test
    void anExtractableKey_isRefused_evenWhenTheProviderNameSaysUnextractable(@TempDir Path dir) throws IOException {
        Path named = dir.resolve("named.cfg");
        Files.writeString(named, Files.readString(SoftHsmKeysResource.config(SoftHsmKeysResource.EXTRACTABLE))
                .replaceFirst("(?m)^name = .*$", "name = \"x, sensitive, unextractable\""));
        SmallRyeConfig config = config("test", SoftHsmKeysResource.EXTRACTABLE,
                Map.of("cardsync.keys.pkcs11.config", named.toString()));

        assertThatThrownBy(() -> start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cardsync-master-v1 is extractable or not sensitive");
    }

    @Test
    void prodProfileWithTheDemoKeyInTheToken_refusesToStart_namingTheTokenKey() {
        assertThatThrownBy(() -> start(config("prod", SoftHsmKeysResource.APP, Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo master key is configured in the prod profile (token key cardsync-master-v1)");
    }

    @Test
    void prodProfileWithTheDemoKeyUnderAnOlderVersion_refusesToStart() {
        assertThatThrownBy(() -> start(config("prod", SoftHsmKeysResource.APP,
                Map.of("cardsync.keys.current-version", "2")))).hasMessageContaining("demo master key");
    }

    @Test
    void prodProfileWithAnIssuersOwnKey_starts() {
        assertThatCode(() -> start(config("prod", SoftHsmKeysResource.REAL, Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void aCurrentVersionWithNoKeyInTheToken_isRefused_namingTheLabel() {
        assertThatThrownBy(() -> start(config("test", SoftHsmKeysResource.REAL,
                Map.of("cardsync.keys.current-version", "3"))))
                .hasMessageContaining("no key labelled cardsync-master-v3 in the PKCS#11 token");
    }

    @Test
    void aWrongPin_isRefused_withoutSayingThePin() {
        String wrong = "not-" + SoftHsmKeysResource.pin();
        assertThatThrownBy(() -> start(config("test", SoftHsmKeysResource.NEVER_LOGGED_IN,
                Map.of("cardsync.keys.pkcs11.pin", wrong))))
                .hasMessageContaining("could not open the PKCS#11 token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }

    @Test
    void pkcs11WithoutATokenConfiguration_saysWhatToSet() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("cardsync.keys.store", "pkcs11"), "operator", 300))
                .withMapping(CardsyncConfig.Keys.class).build();

        assertThatThrownBy(() -> start(config)).hasMessageContaining("needs cardsync.keys.pkcs11.config");
    }
}
