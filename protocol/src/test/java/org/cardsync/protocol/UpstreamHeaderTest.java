package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The header peek against the upstream messages of docs/test-vectors.json, whole, altered and cut short. */
class UpstreamHeaderTest {
    private static JsonNode vectors;
    private static CardApplicationId vectorCard;

    @BeforeAll
    static void load() throws IOException {
        String path = System.getProperty("cardsync.testVectors", "../docs/test-vectors.json");
        vectors = new ObjectMapper().readTree(Path.of(path).toFile());
        // every upstream vector is signed by the one card application that the personalisation vector creates
        JsonNode p = vectors.path("personalisation").get(0);
        vectorCard = CardApplicationId.ofHex(p.path("cardId").asText(), p.path("aid").asText());
        assertThat(vectors.path("upstream")).isNotEmpty();
    }

    @Test
    void peek_readsCardApplicationTypeAndAtcOfEveryVectorMessage() {
        for (JsonNode v : vectors.path("upstream")) {
            UpstreamHeader h = UpstreamHeader.peek(Hex.decode(v.path("message").asText())).orElseThrow();
            assertThat(h.version()).isEqualTo(1);
            assertThat(h.id()).as(v.path("name").asText()).isEqualTo(vectorCard);
            assertThat(h.type()).contains(MessageType.valueOf(v.path("type").asText()));
            assertThat(h.atc()).isEqualTo(OptionalLong.of(v.path("atc").asLong()));
        }
    }

    @Test
    void peek_readsAMessageWhoseMacIsWrongOrWhoseBodyIsCutOff() {
        byte[] message = Hex.decode(vectors.path("upstream").get(0).path("message").asText());
        byte[] badMac = message.clone();
        badMac[badMac.length - 1] ^= 1;
        assertThat(UpstreamHeader.peek(badMac).map(UpstreamHeader::id)).contains(vectorCard);
        // version, type, card id (8), AID length, AID (10): the card application is named, the ATC is not there
        byte[] upToAid = Arrays.copyOf(message, 1 + 1 + 8 + 1 + 10);
        UpstreamHeader h = UpstreamHeader.peek(upToAid).orElseThrow();
        assertThat(h.id()).isEqualTo(vectorCard);
        assertThat(h.atc()).isEmpty();
    }

    @Test
    void peek_namesNothingWhenTheAidIsCutOffOrHasAnImpossibleLength() {
        byte[] message = Hex.decode(vectors.path("upstream").get(0).path("message").asText());
        assertThat(UpstreamHeader.peek(Arrays.copyOf(message, 1 + 1 + 8 + 1 + 9))).isEmpty();
        assertThat(UpstreamHeader.peek(new byte[0])).isEmpty();
        byte[] aidTooShort = message.clone();
        aidTooShort[10] = 4;
        assertThat(UpstreamHeader.peek(aidTooShort)).isEmpty();
    }

    @Test
    void peek_keepsTheCardApplicationWhenTheTypeByteNamesNoMessage() {
        byte[] message = Hex.decode(vectors.path("upstream").get(0).path("message").asText());
        message[1] = 0x7f;
        UpstreamHeader h = UpstreamHeader.peek(message).orElseThrow();
        assertThat(h.type()).isEqualTo(Optional.empty());
        assertThat(h.id()).isEqualTo(vectorCard);
    }
}
