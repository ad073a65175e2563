package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * Card keys through the derived-key cache: the same keys as the KDF gives (docs/test-vectors.json), one derivation per
 * key once a message verified with it, none kept for a forged message, and never one card's, version's or direction's
 * key for another's.
 */
class CardKeysTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER_V1 = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");
    private static final byte[] MASTER_V2 = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final CardApplicationId CARD_A = CardApplicationId.ofHex("0102030405060708", "f04341524453594e4301");
    private static final CardApplicationId CARD_B = CardApplicationId.ofHex("0102030405060709", "f04341524453594e4301");
    private static final byte[] MESSAGE = HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a");

    /**
     * A real {@link ConfigIssuerKeyStore} holding both master keys, counting how often the KDF runs on them (each run is a
     * token round trip in production).
     */
    private static final class CountingStore implements IssuerKeyStore {
        final AtomicInteger kdfRuns = new AtomicInteger();
        private final IssuerKeyStore store = new ConfigIssuerKeyStore(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("cardsync.keys.master.1", HEX.formatHex(MASTER_V1),
                        "cardsync.keys.master.2", HEX.formatHex(MASTER_V2), "cardsync.keys.current-version", "2"),
                        "test master keys", 300))
                .withMapping(CardsyncConfig.Keys.class).build().getConfigMapping(CardsyncConfig.Keys.class));

        @Override
        public CmacKey masterKey(int version) {
            CmacKey key = store.masterKey(version);
            return (message, offset, length) -> {
                kdfRuns.incrementAndGet();
                return key.mac(message, offset, length);
            };
        }

        @Override
        public Set<Integer> versions() {
            return store.versions();
        }

        @Override
        public int currentVersion() {
            return store.currentVersion();
        }

        @Override
        public CmacKey cardKey(byte[] derivedKey) {
            return store.cardKey(derivedKey);
        }

        @Override
        public String describe(int version) {
            return store.describe(version);
        }
    }

    private final CountingStore store = new CountingStore();
    private final DerivedKeyCache cache = new DerivedKeyCache(100, Duration.ofMinutes(10));
    private final CardKeys keys = new CardKeys(store, cache);

    /** A well-formed REQUEST of {@code id}, MACed with {@code upKey} as the card would (protocol.md section 5). */
    private static UpstreamMessage request(CardApplicationId id, byte[] upKey) {
        String unsigned = "0101" + id.cardIdHex() + String.format("%02x", id.aid().length) + id.aidHex() + "00000001"
                + "00000000" + "00".repeat(16) + "21" + "01" + "00000000" + "00000000" + "00".repeat(16) + "000003e8"
                + "02" + "03" + "0000";
        byte[] body = HexFormat.of().parseHex(unsigned);
        return UpstreamMessage.parseHex(unsigned + HexFormat.of().formatHex(AesCmac.mac(upKey, body)));
    }

    /** The same message with one bit of its MAC flipped: what a forger who names the card without its key sends. */
    private static UpstreamMessage forged(UpstreamMessage genuine) {
        byte[] raw = genuine.raw();
        raw[raw.length - 1] ^= 0x01;
        return UpstreamMessage.parse(raw);
    }

    private static UpstreamMessage signed(CardApplicationId id, int version) {
        return request(id, KeyDerivation.deriveUpKey(version == 1 ? MASTER_V1 : MASTER_V2, id));
    }

    @Test
    void theTestVectorsRequest_verifiesWithTheCachedKey_derivedOnce() throws IOException {
        JsonNode request = new ObjectMapper().readTree(Path.of(System.getProperty("cardsync.testVectors")).toFile())
                .path("upstream").get(0);
        UpstreamMessage message = UpstreamMessage.parseHex(request.path("message").asText());

        assertThat(keys.verifies(1, message)).isTrue();
        assertThat(keys.verifies(1, message)).isTrue();
        assertThat(keys.downKey(1, message.id()).mac(MESSAGE))
                .isEqualTo(AesCmac.mac(KeyDerivation.deriveDownKey(MASTER_V1, message.id()), MESSAGE));

        assertThat(store.kdfRuns).hasValue(2); // K_UP once, K_DN once
    }

    /**
     * Finding 3 of the issue-13 review: a forged message naming a registered card (its card id and AID are not secret)
     * must not load that card's K_UP into the cache, where a later heap dump would find it, nor evict genuine keys.
     */
    @Test
    void aForgedMessage_leavesTheCacheWithoutTheCardsKey_andAVerifiedOnePutsItThere() {
        UpstreamMessage genuine = signed(CARD_A, 1);

        assertThat(keys.verifies(1, forged(genuine))).isFalse();
        assertThat(keys.verifies(1, forged(genuine))).isFalse();
        assertThat(keys.cachesUpKey(1, CARD_A)).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(store.kdfRuns).hasValue(2); // derived for each forged message, kept for none

        assertThat(keys.verifies(1, genuine)).isTrue();
        assertThat(keys.cachesUpKey(1, CARD_A)).isTrue();
        assertThat(keys.verifies(1, forged(genuine))).isFalse(); // checked with the cached key: refused all the same
        assertThat(keys.verifies(1, genuine)).isTrue();
        assertThat(store.kdfRuns).hasValue(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aLookupOfK_UpForTheChain_neverStoresIt() {
        assertThat(keys.upKey(1, CARD_A).mac(MESSAGE))
                .isEqualTo(AesCmac.mac(KeyDerivation.deriveUpKey(MASTER_V1, CARD_A), MESSAGE));

        assertThat(keys.cachesUpKey(1, CARD_A)).isFalse();
    }

    /** A message signed with one card's, version's or direction's key never verifies as another's. */
    @Test
    void twoCardsTwoVersionsTwoDirections_eachGetItsOwnKey() {
        Set<String> tags = new HashSet<>();
        int firstRound = 0;
        for (int round = 0; round < 2; round++) { // the second round comes from the cache
            if (round == 1) {
                firstRound = store.kdfRuns.get();
            }
            for (CardApplicationId id : new CardApplicationId[] {CARD_A, CARD_B}) {
                for (int version : new int[] {1, 2}) {
                    byte[] master = version == 1 ? MASTER_V1 : MASTER_V2;
                    assertThat(keys.verifies(version, signed(id, version))).isTrue();
                    assertThat(keys.verifies(3 - version, signed(id, version))).isFalse();
                    assertThat(keys.verifies(version, request(id, KeyDerivation.deriveDownKey(master, id)))).isFalse();
                    byte[] up = keys.upKey(version, id).mac(MESSAGE);
                    byte[] down = keys.downKey(version, id).mac(MESSAGE);
                    assertThat(up).isEqualTo(AesCmac.mac(KeyDerivation.deriveUpKey(master, id), MESSAGE));
                    assertThat(down).isEqualTo(AesCmac.mac(KeyDerivation.deriveDownKey(master, id), MESSAGE));
                    tags.add(HexFormat.of().formatHex(up));
                    tags.add(HexFormat.of().formatHex(down));
                }
            }
        }

        assertThat(tags).hasSize(8);
        assertThat(cache.size()).isEqualTo(8);
        assertThat(store.kdfRuns).hasValue(firstRound);
    }

    /**
     * A rotation: the card re-keyed to version 2 is checked with version 2's key from then on, although version 1's key
     * of the same card is still cached; cards still on version 1 keep theirs.
     */
    @Test
    void afterARotation_theCardOnTheNewVersion_getsTheNewKey_andOldCardsKeepTheirs() {
        assertThat(keys.verifies(1, signed(CARD_A, 1))).isTrue();
        assertThat(keys.verifies(1, signed(CARD_B, 1))).isTrue();

        assertThat(keys.verifies(2, signed(CARD_A, 1))).isFalse();
        assertThat(keys.verifies(2, signed(CARD_A, 2))).isTrue();
        assertThat(keys.upKey(2, CARD_A).mac(MESSAGE))
                .isEqualTo(AesCmac.mac(KeyDerivation.deriveUpKey(MASTER_V2, CARD_A), MESSAGE));
        assertThat(keys.verifies(1, signed(CARD_B, 1))).isTrue();
    }

    @Test
    void personalisation_alwaysDerivesFromTheMasterKey() {
        assertThat(keys.verifies(1, signed(CARD_A, 1))).isTrue();
        int cached = store.kdfRuns.get();

        CardKeyPair pair = keys.forPersonalisation(1, CARD_A);

        assertThat(pair.upKey()).isEqualTo(KeyDerivation.deriveUpKey(MASTER_V1, CARD_A));
        assertThat(store.kdfRuns.get() - cached).isEqualTo(2);
    }

    @Test
    void stopping_wipesTheCache() {
        assertThat(keys.verifies(1, signed(CARD_A, 1))).isTrue();
        keys.downKey(1, CARD_A);
        assertThat(cache.size()).isEqualTo(2);

        keys.wipeCachedKeys();

        assertThat(cache.size()).isZero();
        assertThat(keys.cachesUpKey(1, CARD_A)).isFalse();
    }
}
