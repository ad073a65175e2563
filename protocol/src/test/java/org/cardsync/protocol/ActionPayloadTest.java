package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The action payloads of protocol.md section 6.1 against the script commands of docs/test-vectors.json
 * (computed by the independent Python implementation), and their size limits against the table.
 */
class ActionPayloadTest {
    private static JsonNode commands;

    @BeforeAll
    static void load() throws IOException {
        String path = System.getProperty("cardsync.testVectors", "../docs/test-vectors.json");
        commands = new ObjectMapper().readTree(Path.of(path).toFile()).path("scriptCommands");
        assertThat(commands).isNotEmpty();
    }

    private static JsonNode vector(String name) {
        for (JsonNode v : commands) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no script command vector named " + name);
    }

    private static byte[] payloadOf(String name) {
        return Hex.decode(vector(name).path("payload").asText());
    }

    /** The typed value encodes to the vector's payload, has its action type, and decodes back from it. */
    private static void assertMatchesVector(String name, ActionPayload typed) {
        JsonNode v = vector(name);
        assertThat(Hex.encode(typed.encode())).as(name).isEqualTo(v.path("payload").asText());
        assertThat(typed.type().code()).as(name).isEqualTo(v.path("actionType").asInt());
        assertThat(ActionPayload.decode(typed.type(), payloadOf(name))).as(name).isEqualTo(typed);
    }

    @Test
    void everyVectorPayload_decodesByItsActionType_andEncodesBackToTheSameBytes() {
        for (JsonNode v : commands) {
            ActionType type = ActionType.of(v.path("actionType").asInt());
            ActionPayload decoded = ActionPayload.decode(type, Hex.decode(v.path("payload").asText()));
            assertThat(decoded.type()).isEqualTo(type);
            assertThat(Hex.encode(decoded.encode())).as(v.path("name").asText()).isEqualTo(v.path("payload").asText());
        }
    }

    @Test
    void typedPayloads_encodeToTheVectorPayloads() {
        assertMatchesVector("EXECUTE s=1 CREDIT 500", new ActionPayload.Credit(500));
        assertMatchesVector("EXECUTE s=4 CREDIT while blocked", new ActionPayload.Credit(5));
        assertMatchesVector("EXECUTE s=3 CREDIT over the purse limit", new ActionPayload.Credit(1_000_000));
        assertMatchesVector("EXECUTE s=2 WRITE_PARAMETER slot 1",
                new ActionPayload.WriteParameter(1, Hex.decode("aabbcc")));
        assertMatchesVector("EXECUTE s=3 BLOCK", new ActionPayload.Block());
        assertMatchesVector("EXECUTE s=4 UNBLOCK", new ActionPayload.Unblock());
        assertMatchesVector("EXECUTE s=4 after a merit failure", new ActionPayload.ResetPinTries());
    }

    @Test
    void loadBlocksAndActivation_encodeToTheVectorPayloads() {
        byte[] block0 = payloadOf("EXECUTE s=5 LOAD_APPLICATION_BLOCK 0");
        byte[] block1 = payloadOf("EXECUTE s=6 LOAD_APPLICATION_BLOCK 1");
        // the vector's record is what its two blocks carry after app id (2) and index (1)
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(block0, 3, block0.length - 3);
        record.write(block1, 3, block1.length - 3);
        byte[] data0 = java.util.Arrays.copyOfRange(block0, 3, block0.length);
        byte[] data1 = java.util.Arrays.copyOfRange(block1, 3, block1.length);

        assertMatchesVector("EXECUTE s=5 LOAD_APPLICATION_BLOCK 0", new ActionPayload.LoadApplicationBlock(0x0101, 0, data0));
        assertMatchesVector("EXECUTE s=6 LOAD_APPLICATION_BLOCK 1", new ActionPayload.LoadApplicationBlock(0x0101, 1, data1));
        assertMatchesVector("EXECUTE s=7 LOAD_APPLICATION_ACTIVATE",
                new ApplicationLoad(0x0101, record.toByteArray()).activation());
    }

    @Test
    void applicationLoad_cutsTheRecordIntoFullBlocksThenTheActivation() throws Exception {
        byte[] record = new byte[200];
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) i;
        }
        List<ActionPayload> payloads = new ApplicationLoad(257, record).payloads();

        assertThat(payloads).extracting(ActionPayload::type).containsExactly(ActionType.LOAD_APPLICATION_BLOCK,
                ActionType.LOAD_APPLICATION_BLOCK, ActionType.LOAD_APPLICATION_ACTIVATE);
        // protocol.md 6.1: app id (2) ‖ block index (1) ‖ data (1–128), so 128 then the remaining 72 bytes
        assertThat(Hex.encode(payloads.get(0).encode())).isEqualTo("010100" + Hex.encode(java.util.Arrays.copyOfRange(record, 0, 128)));
        assertThat(Hex.encode(payloads.get(1).encode())).isEqualTo("010101" + Hex.encode(java.util.Arrays.copyOfRange(record, 128, 200)));
        // app id (2) ‖ total length (2) ‖ SHA-256 of the record (32), hashed here with the JDK's own digest
        assertThat(Hex.encode(payloads.get(2).encode())).isEqualTo("0101" + "00c8"
                + Hex.encode(MessageDigest.getInstance("SHA-256").digest(record)));
    }

    @Test
    void sizeLimits_areTheCardsOwn() {
        assertThatThrownBy(() -> new ActionPayload.Credit(0)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> new ActionPayload.Credit(0x1_0000_0000L)).isInstanceOf(ProtocolException.class);
        assertThat(new ActionPayload.Credit(0xFFFFFFFFL).encode()).hasSize(4);

        assertThatThrownBy(() -> new ActionPayload.WriteParameter(8, new byte[1])).hasMessageContaining("slot");
        assertThatThrownBy(() -> new ActionPayload.WriteParameter(0, new byte[33])).hasMessageContaining("32 bytes");
        assertThat(new ActionPayload.WriteParameter(7, new byte[32]).encode()).hasSize(33);
        assertThat(new ActionPayload.WriteParameter(0, new byte[0]).encode()).hasSize(1);

        assertThatThrownBy(() -> new ActionPayload.LoadApplicationBlock(1, 0, new byte[129])).hasMessageContaining("128");
        assertThatThrownBy(() -> new ActionPayload.LoadApplicationBlock(1, 0, new byte[0])).hasMessageContaining("1 to 128");
        assertThatThrownBy(() -> new ActionPayload.LoadApplicationBlock(0x10000, 0, new byte[1])).hasMessageContaining("app id");
        assertThatThrownBy(() -> new ApplicationLoad(1, new byte[257])).hasMessageContaining("256");
        assertThatThrownBy(() -> new ApplicationLoad(1, new byte[0])).hasMessageContaining("1 to 256");
        assertThat(new ApplicationLoad(1, new byte[256]).blocks()).hasSize(2);
    }

    @Test
    void decode_refusesWhatTheCardRefusesAsABadPayload() {
        // protocol.md 6.1, code 0B: CREDIT P != 4, WRITE_PARAMETER P = 0, LOAD BLOCK P < 4, ACTIVATE P != 36, no-payload P != 0
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.CREDIT, Hex.decode("0001f4")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.CREDIT, Hex.decode("000001f400")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.WRITE_PARAMETER, new byte[0]))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.LOAD_APPLICATION_BLOCK, Hex.decode("010100")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.LOAD_APPLICATION_ACTIVATE, new byte[35]))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ActionPayload.decode(ActionType.LOAD_APPLICATION_ACTIVATE, new byte[37]))
                .isInstanceOf(ProtocolException.class);
        for (ActionType none : List.of(ActionType.BLOCK, ActionType.UNBLOCK, ActionType.RESET_PIN_TRIES)) {
            assertThatThrownBy(() -> ActionPayload.decode(none, new byte[1])).isInstanceOf(ProtocolException.class);
        }
    }
}
