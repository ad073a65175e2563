package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * CardSession's typed commands on a SimulatedCard, against the cardScenario of docs/test-vectors.json:
 * for every step, the typed call sends exactly the vector's command APDU and gets exactly its response.
 */
class CardSessionTest {

    /** Remembers the last command APDU that went through. */
    private static final class RecordingTransport implements ApduTransport {
        private final ApduTransport next;
        byte[] last;

        RecordingTransport(ApduTransport next) {
            this.next = next;
        }

        @Override
        public byte[] transmit(byte[] commandApdu) {
            last = commandApdu.clone();
            return next.transmit(commandApdu);
        }
    }

    @Test
    void typedCommands_replayTheVectorScenarioByteForByte() {
        RecordingTransport transport = new RecordingTransport(SimulatedCard.withApplications("f04341524453594e4301"));
        CardSession session = new CardSession(transport);
        byte[] upKey = Hex.decode(TestVectors.load().get("personalisation").get(0).get("kUp").asText());
        List<String> mismatches = new ArrayList<>();
        int messages = 0;

        for (JsonNode step : TestVectors.scenarioSteps()) {
            byte[] command = Hex.decode(step.get("command").asText());
            CardResponse response = typedCall(session, command);
            if (!Arrays.equals(transport.last, command)) {
                mismatches.add(step.get("name").asText() + ": sent " + Hex.encode(transport.last));
            }
            if (!response.hex().equals(step.get("response").asText())) {
                mismatches.add(step.get("name").asText() + ": got " + response.hex());
            }
            if (response.isOk() && response.data().length > 0 && (command[1] == 0x40 || command[1] == 0x44 || command[1] == 0x46)) {
                UpstreamMessage message = response.message();
                assertThat(message.verify(upKey)).as(step.get("name").asText()).isTrue();
                messages++;
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(messages).isEqualTo(7);
    }

    @Test
    void status_parsesGetStatus_andRefusalsComeBackAsResponsesNotExceptions() {
        SimulatedCard card = SimulatedCard.withApplications("f04341524453594e4301");
        CardSession session = new CardSession(card);
        DemoIssuer.personalise(session);

        assertThat(session.status().balance()).isEqualTo(1_000);
        assertThat(session.ack().swHex()).isEqualTo("6A90");
        assertThat(session.personalise(DemoIssuer.personalisation()).swHex()).isEqualTo("6986");
        UpstreamMessage request = session.request(TransactionType.AUTHENTICATE, 0, Hex.decode("01020304"),
                Hex.decode("a1a2a3a4a5a6a7a8a9aaabacadaeafb0")).message();
        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.atc()).isEqualTo(1);
    }

    /** The typed call for a scenario command, chosen by its INS, with arguments read from its bytes. */
    private static CardResponse typedCall(CardSession session, byte[] command) {
        byte[] data = command.length > 5 ? Arrays.copyOfRange(command, 5, 5 + (command[4] & 0xFF)) : new byte[0];
        return switch (command[1] & 0xFF) {
            case 0xA4 -> session.select(data);
            case 0x10 -> {
                assertThat(DemoIssuer.personalisation().encode()).isEqualTo(data);
                yield session.personalise(DemoIssuer.personalisation());
            }
            case 0x30 -> session.getStatus();
            case 0x32 -> session.readParameter(command[2] & 0xFF);
            case 0x20 -> session.verifyPin(data);
            case 0x40 -> session.request(TransactionType.of(data[0] & 0xFF),
                    Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(data, 1, 4).getInt()),
                    Arrays.copyOfRange(data, 5, 9), Arrays.copyOfRange(data, 9, 25));
            case 0x42 -> session.execute(data);
            case 0x44 -> session.ack();
            case 0x46 -> session.info();
            default -> throw new AssertionError("no typed command for " + Hex.encode(command));
        };
    }
}
