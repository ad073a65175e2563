package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.junit.jupiter.api.Test;

/** The encodings, against the command APDUs of docs/test-vectors.json written as hex literals. */
class CardCommandsTest {

    @Test
    void commandsWithoutData_carryLe00() {
        assertThat(Hex.encode(CardCommands.getStatus())).isEqualTo("8030000000");
        assertThat(Hex.encode(CardCommands.readParameter(3))).isEqualTo("8032030000");
        assertThat(Hex.encode(CardCommands.ack())).isEqualTo("8044000000");
        assertThat(Hex.encode(CardCommands.info())).isEqualTo("8046000000");
    }

    @Test
    void commandsWithData_carryLcAndNoLe() {
        assertThat(Hex.encode(CardCommands.select(Hex.decode("f04341524453594e4301"))))
                .isEqualTo("00a404000af04341524453594e4301");
        assertThat(Hex.encode(CardCommands.verifyPin("1234"))).isEqualTo("002000800431323334");
        assertThat(Hex.encode(CardCommands.request(TransactionType.PURCHASE, 250, Hex.decode("11223344"), new byte[16])))
                .isEqualTo("804000001902000000fa11223344" + "00".repeat(16));
        assertThat(Hex.encode(CardCommands.execute(Hex.decode("0100000001")))).isEqualTo("80420000050100000001");
    }

    @Test
    void personalise_isShortUpTo255Bytes_andExtendedAbove() {
        assertThat(Hex.encode(CardCommands.personalise(new byte[255]))).startsWith("80100000ff00");
        byte[] extended = CardCommands.personalise(new byte[340]);
        assertThat(Hex.encode(extended)).startsWith("80100000000154");
        assertThat(extended).hasSize(7 + 340);
    }

    @Test
    void outOfRangeArguments_areRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> CardCommands.select(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.request(TransactionType.SYNC, -1, new byte[4], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.request(TransactionType.SYNC, 0, new byte[3], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardCommands.execute(new byte[256])).isInstanceOf(IllegalArgumentException.class);
    }
}
