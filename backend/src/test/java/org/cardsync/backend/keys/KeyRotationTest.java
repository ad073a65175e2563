package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.TestTerminal.post;

import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

/**
 * A master key rotation, keys in SoftHSM2: the issuer makes version 2 current; cards issued from then on get version
 * 2's keys, while the cards already in customers' hands (version 1, the server remembers which per card application)
 * keep settling sessions.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {
    /** The PERSONALISE APDU: 5 header bytes, the format version, the card id, then K_UP and K_DN (protocol.md 3). */
    private static final int CARD_ID = 5 + 1;
    private static final int UP_KEY = CARD_ID + CardApplicationId.CARD_ID_LENGTH;
    private static final int DOWN_KEY = UP_KEY + 16;

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cardsync.keys.current-version", "2");
        }
    }

    @Inject
    CardKeys keys;
    @Inject
    IssuerKeyStore store;

    @Test
    void theSuite_keepsItsMasterKeysInTheToken() {
        assertThat(ClientProxy.unwrap(store)).isInstanceOf(Pkcs11IssuerKeyStore.class);
        assertThat(store.versions()).contains(1, 2);
    }

    @Test
    void newCards_getTheNewVersionsKeys() {
        byte[][] issued = new byte[1][];
        TestTerminal card = TestTerminal.issue("bob", apdu -> issued[0] = apdu);

        CardKeyPair v2 = keys.forPersonalisation(2, id(card.cardId));
        CardKeyPair v1 = keys.forPersonalisation(1, id(card.cardId));
        assertThat(Arrays.copyOfRange(issued[0], UP_KEY, DOWN_KEY)).isEqualTo(v2.upKey()).isNotEqualTo(v1.upKey());
        assertThat(Arrays.copyOfRange(issued[0], DOWN_KEY, DOWN_KEY + 16)).isEqualTo(v2.downKey());
        assertThat(keyVersionOf(card.applicationId)).isEqualTo(2);
    }

    @Test
    void afterTheRotation_cardsOfBothVersionsSettleTheirSessions() {
        TestTerminal before = issuedBeforeTheRotation();
        TestTerminal after = TestTerminal.issue("bob");

        for (TestTerminal card : new TestTerminal[] {before, after}) {
            card.credit(250);
            assertThat(card.cleanSession()).isEqualTo(1);
            assertThat(card.state().balance()).isEqualTo(1000 + 250);
            assertThat(card.detail().getLong("confirmedCa")).isEqualTo(1);
        }
        assertThat(keyVersionOf(before.applicationId)).isEqualTo(1);
        assertThat(keyVersionOf(after.applicationId)).isEqualTo(2);
    }

    @Test
    void aCardKeyedWithTheOldVersion_isRefusedUnderTheNewOne() {
        TestTerminal card = issuedBeforeTheRotation();
        QuarkusTransaction.requiringNew().run(() -> CardApplication.<CardApplication>findById(card.applicationId)
                .keyVersion = 2);

        assertThat(post("request", card.cardRequest()).jsonPath().getString("code"))
                .isEqualTo("BAD_MAC");
    }

    /** A card personalised, and registered, with version 1, as every card issued before the rotation was. */
    private TestTerminal issuedBeforeTheRotation() {
        TestTerminal card = TestTerminal.issue("bob", apdu -> {
            String cardId = Hex.encode(Arrays.copyOfRange(apdu, CARD_ID, UP_KEY));
            CardKeyPair v1 = keys.forPersonalisation(1, id(cardId));
            byte[] altered = apdu.clone();
            System.arraycopy(v1.upKey(), 0, altered, UP_KEY, 16);
            System.arraycopy(v1.downKey(), 0, altered, DOWN_KEY, 16);
            return altered;
        });
        QuarkusTransaction.requiringNew().run(() -> CardApplication.<CardApplication>findById(card.applicationId)
                .keyVersion = 1);
        return card;
    }

    private static CardApplicationId id(String cardId) {
        return CardApplicationId.ofHex(cardId, TestTerminal.AID_HEX);
    }

    private static int keyVersionOf(long applicationId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> CardApplication.<CardApplication>findById(applicationId).keyVersion);
    }
}
