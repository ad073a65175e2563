package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/test-vectors.json, produced from docs/protocol.md by an independent Python/OpenSSL implementation,
 * recomputed here with this module's BouncyCastle-based code.
 */
class TestVectorsTest {
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        String path = System.getProperty("cardsync.testVectors", "../docs/test-vectors.json");
        vectors = new ObjectMapper().readTree(Path.of(path).toFile());
        assertThat(vectors.path("format").asText()).isEqualTo("cardsync-test-vectors/1");
    }

    private static byte[] hex(JsonNode node, String field) {
        return Hex.decode(node.path(field).asText());
    }

    @Test
    void cmac_matchesAllFourRfc4493Examples() {
        assertThat(vectors.path("cmac")).hasSize(4);
        for (JsonNode v : vectors.path("cmac")) {
            assertThat(Hex.encode(AesCmac.mac(hex(v, "key"), hex(v, "message"))))
                    .as(v.path("name").asText()).isEqualTo(v.path("mac").asText());
        }
    }

    @Test
    void kdf_derivesTheVectorKeysFromTheMasterKey() {
        assertThat(vectors.path("kdf")).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode v : vectors.path("kdf")) {
            CardApplicationId id = CardApplicationId.ofHex(v.path("cardId").asText(), v.path("aid").asText());
            byte[] mk = hex(v, "masterKey");
            String label = v.path("label").asText();
            byte[] key = label.equals("CS-MAC-UP") ? KeyDerivation.deriveUpKey(mk, id) : KeyDerivation.deriveDownKey(mk, id);
            byte[] labelBytes = label.equals("CS-MAC-UP") ? KeyDerivation.LABEL_UP : KeyDerivation.LABEL_DOWN;
            assertThat(Hex.encode(KeyDerivation.prfInput(labelBytes, id))).isEqualTo(v.path("prfInput").asText());
            assertThat(Hex.encode(key)).as(label + " " + id).isEqualTo(v.path("key").asText());
        }
    }

    @Test
    void personalisation_encodesToTheVectorApdu() {
        for (JsonNode v : vectors.path("personalisation")) {
            TreeMap<Integer, byte[]> params = new TreeMap<>();
            v.path("parameters").forEach(p -> params.put(p.path("slot").asInt(), hex(p, "value")));
            Personalisation p = new Personalisation(
                    CardApplicationId.ofHex(v.path("cardId").asText(), v.path("aid").asText()),
                    hex(v, "kUp"), hex(v, "kDn"), v.path("purseLimit").asLong(), v.path("balance").asLong(),
                    v.path("ca").asLong(), v.path("atc").asLong(), v.path("pinTryLimit").asInt(), hex(v, "pin"), params);
            assertThat(Hex.encode(p.encode())).isEqualTo(v.path("data").asText());
            assertThat(Hex.encode(p.apdu())).isEqualTo(v.path("apdu").asText());
        }
    }

    @Test
    void scriptCommands_encodeToTheVectorBytesAndParseBack() {
        assertThat(vectors.path("scriptCommands")).isNotEmpty();
        for (JsonNode v : vectors.path("scriptCommands")) {
            CardApplicationId id = CardApplicationId.ofHex(v.path("cardId").asText(), v.path("aid").asText());
            ScriptCommand c = new ScriptCommand(v.path("atc").asLong(), v.path("seq").asLong(),
                    ActionType.of(v.path("actionType").asInt()), hex(v, "payload"));
            assertThat(Hex.encode(c.encode(hex(v, "kDn"), id))).as(v.path("name").asText()).isEqualTo(v.path("data").asText());
            assertThat(Hex.encode(c.apdu(hex(v, "kDn"), id))).isEqualTo(v.path("apdu").asText());
            assertThat(ScriptCommand.parse(hex(v, "data"))).isEqualTo(c);
            assertThat(Hex.encode(c.mac(hex(v, "kDn"), id))).isEqualTo(v.path("mac").asText());
        }
    }

    @Test
    void upstreamMessages_parseAndVerifyWithTheVectorKey() {
        assertThat(vectors.path("upstream")).isNotEmpty();
        for (JsonNode v : vectors.path("upstream")) {
            UpstreamMessage m = UpstreamMessage.parse(hex(v, "message"));
            assertThat(m.type()).isEqualTo(MessageType.valueOf(v.path("type").asText()));
            assertThat(m.atc()).isEqualTo(v.path("atc").asLong());
            assertThat(m.ca()).isEqualTo(v.path("ca").asLong());
            assertThat(Hex.encode(m.chain())).isEqualTo(v.path("chain").asText());
            assertThat(m.verify(hex(v, "kUp"))).as(v.path("name").asText()).isTrue();
        }
    }

    @Test
    void actionChain_recomputesEveryLinkFromTheZeroChain() {
        JsonNode links = vectors.path("actionChain");
        assertThat(links).hasSizeGreaterThanOrEqualTo(2);
        byte[] chain = ActionChain.initial();
        for (JsonNode v : links) {
            assertThat(Hex.encode(chain)).as(v.path("name").asText()).isEqualTo(v.path("chain").asText());
            assertThat(v.path("input").asText()).startsWith("cc");
            chain = ActionChain.next(hex(v, "kUp"), chain, hex(v, "commandMac"));
            assertThat(Hex.encode(chain)).as(v.path("name").asText()).isEqualTo(v.path("next").asText());
        }
    }

    @Test
    void actionChain_linksAreTheMacsOfTheScenarioCommandsThatRan() {
        List<String> commandMacs = new ArrayList<>();
        for (JsonNode v : vectors.path("scriptCommands")) {
            commandMacs.add(v.path("mac").asText());
        }
        for (JsonNode v : vectors.path("actionChain")) {
            assertThat(commandMacs).as(v.path("name").asText()).contains(v.path("commandMac").asText());
        }
    }

    @Test
    void upstreamMessages_failToVerifyWithAnyBitFlipped() {
        for (JsonNode v : vectors.path("upstream")) {
            byte[] msg = hex(v, "message");
            for (int bit = 0; bit < msg.length * 8; bit++) {
                byte[] tampered = msg.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(verifiesOrFailsToParse(tampered, hex(v, "kUp"))).as("bit " + bit).isFalse();
            }
        }
    }

    private static boolean verifiesOrFailsToParse(byte[] msg, byte[] key) {
        try {
            return UpstreamMessage.parse(msg).verify(key);
        } catch (ProtocolException e) {
            return false;
        }
    }

    @Test
    void cardScenario_signedResponsesCarryTheCountersTheProtocolPredicts() {
        List<UpstreamMessage> signed = new ArrayList<>();
        for (JsonNode step : vectors.path("cardScenario").path("steps")) {
            String response = step.path("response").asText();
            String command = step.path("command").asText();
            boolean signing = command.startsWith("8040") || command.startsWith("8044") || command.startsWith("8046");
            if (signing && response.endsWith("9000")) {
                signed.add(UpstreamMessage.parseHex(response.substring(0, response.length() - 4)));
            }
        }
        assertThat(signed).extracting(UpstreamMessage::atc).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        UpstreamMessage firstAck = signed.get(1);
        assertThat(firstAck.type()).isEqualTo(MessageType.ACK);
        UpstreamMessage.SessionReport report = firstAck.report();
        assertThat(report.caAtStart() + report.executed()).isEqualTo(firstAck.ca());
        assertThat(report.firstRefusedSequence()).isEqualTo(1);
        assertThat(RefusalCode.of(report.refusalCode())).contains(RefusalCode.ALREADY_APPLIED);
        UpstreamMessage blockedInfo = signed.get(4);
        assertThat(blockedInfo.report().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(MeritReason.ofCode(blockedInfo.report().refusalCode())).isEqualTo(MeritReason.APPLICATION_BLOCKED);
    }

    /**
     * Replays the scenario's script commands through {@link ActionChain#next}: every signed response must
     * carry the chain over exactly the commands the card answered 9000 to before it, in order.
     */
    @Test
    void cardScenario_signedResponsesCarryTheChainOverTheCommandsThatRan() {
        byte[] upKey = hex(vectors.path("personalisation").get(0), "kUp");
        byte[] chain = ActionChain.initial();
        int signedCount = 0;
        for (JsonNode step : vectors.path("cardScenario").path("steps")) {
            String command = step.path("command").asText();
            String response = step.path("response").asText();
            if (!response.endsWith("9000")) {
                continue;
            }
            if (command.startsWith("8042")) {
                byte[] apdu = Hex.decode(command);
                byte[] commandMac = Arrays.copyOfRange(apdu, apdu.length - AesCmac.MAC_LENGTH, apdu.length);
                chain = ActionChain.next(upKey, chain, commandMac);
            } else if (command.startsWith("8040") || command.startsWith("8044") || command.startsWith("8046")) {
                UpstreamMessage m = UpstreamMessage.parseHex(response.substring(0, response.length() - 4));
                assertThat(m.verify(upKey)).isTrue();
                assertThat(Hex.encode(m.chain())).as(step.path("name").asText()).isEqualTo(Hex.encode(chain));
                signedCount++;
            }
        }
        assertThat(signedCount).isEqualTo(7);
        assertThat(chain).isNotEqualTo(ActionChain.initial());
    }
}
