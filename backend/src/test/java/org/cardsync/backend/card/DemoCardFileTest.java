package org.cardsync.backend.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.cardsync.backend.keys.CardKeyPair;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.KeyDerivation;
import org.junit.jupiter.api.Test;

/**
 * demo/demo-card.json (what the bridge agent's simulated card is personalised with by default) must be
 * exactly what issuance produces for the seeded demo card, or the demo card's MACs would not verify.
 */
class DemoCardFileTest {
    private static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");

    @Test
    void committedDemoCardFile_matchesIssuanceOfTheDemoCard() throws IOException {
        JsonNode file = new ObjectMapper().readTree(Path.of(System.getProperty("cardsync.demoCard", "../demo/demo-card.json")).toFile());
        IssuanceRequest demo = DemoData.demoCard();
        assertThat(file.path("format").asText()).isEqualTo(PersonalisationFile.FORMAT);
        assertThat(file.path("cardId").asText()).isEqualTo(demo.cardId());
        assertThat(file.path("applications")).hasSize(demo.applications().size());
        for (int i = 0; i < demo.applications().size(); i++) {
            CardApplicationId id = CardApplicationId.ofHex(demo.cardId(), demo.applications().get(i).aid().toLowerCase());
            CardKeyPair keys = new CardKeyPair(KeyDerivation.deriveUpKey(DEMO_MASTER_KEY, id),
                    KeyDerivation.deriveDownKey(DEMO_MASTER_KEY, id));
            PersonalisationFile.Application expected = CardIssuance.personalisation(keys, demo.cardId(),
                    demo.applications().get(i));
            JsonNode actual = file.path("applications").get(i);
            assertThat(actual.path("aid").asText()).isEqualTo(expected.aid());
            assertThat(actual.path("apdus").get(0).asText()).isEqualTo(expected.apdus().get(0));
            // the derived keys' arrays are wiped once the PERSONALISE command is built
            assertThat(keys.upKey()).containsOnly(0);
            assertThat(keys.downKey()).containsOnly(0);
        }
    }
}
