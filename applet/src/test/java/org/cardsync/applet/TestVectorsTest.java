package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The applet against docs/test-vectors.json: the card scenario byte for byte, and the MACs of the
 * upstream messages and script commands computed by the applet's own {@link AesCmac}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestVectorsTest {

    private final JsonNode vectors = TestVectors.load();

    @Test
    void cardScenario_replayedOnAFreshInstall_givesEveryExpectedResponseByteForByte() {
        JsonNode scenario = vectors.get("cardScenario");
        CardClient card = new CardClient(IssuedCard.blankCard(Hex.decode(scenario.get("aid").asText())));
        List<String> mismatches = new ArrayList<>();
        int steps = 0;
        for (JsonNode step : scenario.get("steps")) {
            ResponseApdu response = card.transmit(IssuedCard.apdu(step.get("command").asText()));
            String expected = step.get("response").asText();
            if (!response.hex().equals(expected)) {
                mismatches.add(step.get("name").asText() + ": expected " + expected + ", got " + response.hex());
            }
            steps++;
        }
        assertThat(steps).isEqualTo(39);
        assertThat(mismatches).isEmpty();
    }

    Stream<Arguments> upstreamVectors() {
        return named(vectors.get("upstream"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamVectors")
    void upstreamVector_macComputedByTheAppletsCmac_matches(String name, JsonNode vector) {
        byte[] message = Hex.decode(vector.get("message").asText());
        byte[] signed = Arrays.copyOf(message, message.length - 16);
        byte[] mac = appletCmac(Hex.decode(vector.get("kUp").asText()), signed);
        assertThat(Hex.encode(mac)).isEqualTo(vector.get("mac").asText());
    }

    Stream<Arguments> scriptCommandVectors() {
        return named(vectors.get("scriptCommands"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scriptCommandVectors")
    void scriptCommandVector_macComputedByTheAppletsCmac_matches(String name, JsonNode vector) {
        byte[] data = Hex.decode(vector.get("data").asText());
        byte[] aid = Hex.decode(vector.get("aid").asText());
        byte[] cardId = Hex.decode(vector.get("cardId").asText());
        byte[] body = Arrays.copyOf(data, data.length - 16);
        byte[] macInput = new byte[cardId.length + 1 + aid.length + body.length];
        System.arraycopy(cardId, 0, macInput, 0, cardId.length);
        macInput[cardId.length] = (byte) aid.length;
        System.arraycopy(aid, 0, macInput, cardId.length + 1, aid.length);
        System.arraycopy(body, 0, macInput, cardId.length + 1 + aid.length, body.length);
        byte[] mac = appletCmac(Hex.decode(vector.get("kDn").asText()), macInput);
        assertThat(Hex.encode(mac)).isEqualTo(vector.get("mac").asText());
        assertThat(vector.get("apdu").asText()).isEqualTo("80420000" + String.format("%02x", data.length)
                + vector.get("data").asText());
    }

    Stream<Arguments> cmacVectors() {
        return named(vectors.get("cmac"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cmacVectors")
    void rfc4493Example_appletsCmac_matches(String name, JsonNode vector) {
        byte[] mac = appletCmac(Hex.decode(vector.get("key").asText()), Hex.decode(vector.get("message").asText()));
        assertThat(Hex.encode(mac)).isEqualTo(vector.get("mac").asText());
    }

    @Test
    void personalisationVector_isWhatTheProtocolCodecEncodes_andTheAppletAccepts() {
        JsonNode vector = vectors.get("personalisation").get(0);
        CardClient card = new CardClient(IssuedCard.blankCard(Hex.decode(vector.get("aid").asText())));
        card.transmit(CardCommands.select(Hex.decode(vector.get("aid").asText())));
        assertThat(IssuedCard.personalisation(IssuedCard.AID, 100_000, 1_000, 0, 0).apdu())
                .isEqualTo(Hex.decode(vector.get("apdu").asText()));
        assertThat(card.transmit(IssuedCard.apdu(vector.get("apdu").asText())).swHex()).isEqualTo("9000");
    }

    /** The applet's AesCmac class, run where the applet runs: inside a jcardsim runtime on this thread. */
    static byte[] appletCmac(byte[] key, byte[] message) {
        return AppletCrypto.cmac(key, message, new int[0]);
    }

    /** One argument pair (vector name, vector) per element of a JSON array. */
    private static Stream<Arguments> named(JsonNode array) {
        List<Arguments> arguments = new ArrayList<>();
        array.forEach(node -> arguments.add(Arguments.of(node.get("name").asText(), node)));
        return arguments.stream();
    }
}
