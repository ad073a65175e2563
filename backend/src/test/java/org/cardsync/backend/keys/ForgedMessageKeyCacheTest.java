package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.TestTerminal.flipBit;
import static org.cardsync.backend.testsupport.TestTerminal.post;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * The derived-key cache through the terminal API: a message whose MAC does not verify leaves the cache without the
 * K_UP of the card it names (so forged messages naming registered cards cannot load their keys into memory for a
 * later heap dump, nor evict genuine sessions' keys); the card's own message puts it there.
 */
@QuarkusTest
class ForgedMessageKeyCacheTest {
    @Inject
    CardKeys keys;

    @Test
    void aForgedRequestNamingACard_leavesItsKeyOutOfTheCache_theCardsOwnRequestPutsItThere() {
        TestTerminal terminal = TestTerminal.issue("bob");
        String genuine = terminal.cardRequest();
        CardApplicationId id = UpstreamMessage.parseHex(genuine).id();
        CardKeys cardKeys = ClientProxy.unwrap(keys);
        int version = cardKeys.currentVersion(); // a card issued now gets the current version

        Response forged = post("request", flipBit(genuine, genuine.length() * 4 - 1)); // the MAC's last bit
        assertThat(forged.statusCode()).as(forged.asString()).isEqualTo(403);
        assertThat(forged.jsonPath().getString("code")).isEqualTo("BAD_MAC");
        assertThat(cardKeys.cachesUpKey(version, id)).isFalse();

        Response accepted = post("request", genuine);
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(200);
        assertThat(cardKeys.cachesUpKey(version, id)).isTrue();
    }
}
