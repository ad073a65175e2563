package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cardsync.protocol.apdu.CommandApdu;
import org.junit.jupiter.api.Test;

/** The typed commands, against the command APDUs of docs/test-vectors.json's card scenario. */
class CardCommandsTest {

    @Test
    void everyScenarioCommand_isBuiltByteForByteByItsTypedFactory() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(
                Path.of(System.getProperty("cardsync.testVectors", "../docs/test-vectors.json")).toFile());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;

        for (JsonNode step : vectors.path("cardScenario").path("steps")) {
            String expected = step.path("command").asText();
            CommandApdu built = typed(Hex.decode(expected));
            if (!built.hex().equals(expected)) {
                mismatches.add(step.path("name").asText() + ": built " + built.hex() + ", vector " + expected);
            }
            checked++;
        }

        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void commandsWithoutData_carryLe00() {
        assertThat(CardCommands.getStatus().hex()).isEqualTo("8030000000");
        assertThat(CardCommands.readParameter(3).hex()).isEqualTo("8032030000");
        assertThat(CardCommands.ack().hex()).isEqualTo("8044000000");
        assertThat(CardCommands.info().hex()).isEqualTo("8046000000");
    }

    @Test
    void commandsWithData_carryLcAndNoLe() {
        assertThat(CardCommands.select(Hex.decode("f04341524453594e4301")).hex())
                .isEqualTo("00a404000af04341524453594e4301");
        assertThat(CardCommands.verifyPin("1234").hex()).isEqualTo("002000800431323334");
        assertThat(CardCommands.request(TransactionType.PURCHASE, 250, Hex.decode("11223344"), new byte[16]).hex())
                .isEqualTo("804000001902000000fa11223344" + "00".repeat(16));
        assertThat(CardCommands.execute(Hex.decode("0100000001")).hex()).isEqualTo("80420000050100000001");
    }

    @Test
    void personalise_isShortUpTo255Bytes_andExtendedAbove() {
        assertThat(CardCommands.personalise(new byte[255]).hex()).startsWith("80100000ff00");
        CommandApdu extended = CardCommands.personalise(new byte[340]);
        assertThat(extended.hex()).startsWith("80100000000154");
        assertThat(extended.bytes()).hasSize(7 + 340);
    }

    @Test
    void outOfRangeArguments_areRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> CardCommands.select(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.request(TransactionType.SYNC, -1, new byte[4], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.request(TransactionType.SYNC, 0x1_0000_0000L, new byte[4], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.request(TransactionType.SYNC, 0, new byte[3], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.execute(new byte[256])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.readParameter(256)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The typed factory for a vector command, chosen by its INS, with arguments read from its bytes. */
    private static CommandApdu typed(byte[] command) {
        byte[] data = command.length > 5 ? Arrays.copyOfRange(command, 5, 5 + (command[4] & 0xFF)) : new byte[0];
        return switch (command[1] & 0xFF) {
            case 0xA4 -> CardCommands.select(data);
            case 0x10 -> CardCommands.personalise(data);
            case 0x30 -> CardCommands.getStatus();
            case 0x32 -> CardCommands.readParameter(command[2] & 0xFF);
            case 0x20 -> CardCommands.verifyPin(data);
            case 0x40 -> CardCommands.request(TransactionType.of(data[0] & 0xFF),
                    Integer.toUnsignedLong(ByteBuffer.wrap(data, 1, 4).getInt()),
                    Arrays.copyOfRange(data, 5, 9), Arrays.copyOfRange(data, 9, 25));
            case 0x42 -> CardCommands.execute(data);
            case 0x44 -> CardCommands.ack();
            case 0x46 -> CardCommands.info();
            default -> throw new AssertionError("no typed command for " + Hex.encode(command));
        };
    }
}
