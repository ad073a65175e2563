package org.cardsync.agent.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.cardsync.agent.wire.Hex;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.MalformedApduException;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Test;

/** The procedure status words 61xx and 6Cxx are the agent's business, never the page's. */
class ApduExchangeTest {

    /** A card that answers from a script and records what it was sent. */
    private static final class ScriptedCard implements CardConnection {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();

        ScriptedCard(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public String readerName() {
            return "scripted";
        }

        @Override
        public byte[] atr() {
            return new byte[] {0x3B, 0x00};
        }

        @Override
        public byte[] transmit(byte[] command) {
            sent.add(Hex.encode(command));
            return org.cardsync.protocol.Hex.decode(answers.isEmpty() ? "6100" : answers.poll());
        }

        @Override
        public void disconnect(boolean reset) {
        }
    }

    private static ResponseApdu exchange(ScriptedCard card, String command)
            throws ReaderException, MalformedApduException {
        return new ApduExchange(card, false).transmit(CommandApdu.parseHex(command));
    }

    @Test
    void plainAnswer_isReturnedAsIs() throws Exception {
        ScriptedCard card = new ScriptedCard("AABB9000");
        assertThat(Hex.encode(exchange(card, "80CA000000").bytes())).isEqualTo("AABB9000");
        assertThat(card.sent).containsExactly("80CA000000");
    }

    @Test
    void answer61xx_isFollowedByGetResponseUntilTheCardIsDone() throws Exception {
        ScriptedCard card = new ScriptedCard("6104", "01020304" + "6103", "050607" + "6102", "0809" + "9000");
        ResponseApdu r = exchange(card, "00B2010C00");
        assertThat(Hex.encode(r.bytes())).isEqualTo("010203040506070809" + "9000");
        assertThat(card.sent).containsExactly("00B2010C00", "00C0000004", "00C0000003", "00C0000002");
    }

    @Test
    void answer6Cxx_isFollowedByTheSameCommandWithLeSetToXx() throws Exception {
        ScriptedCard card = new ScriptedCard("6C10", "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF9000");
        ResponseApdu r = exchange(card, "8003000005");
        assertThat(r.dataLength()).isEqualTo(16);
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(card.sent).containsExactly("8003000005", "8003000010");
    }

    @Test
    void answer6Cxx_thenMoreData_combinesBothRules() throws Exception {
        ScriptedCard card = new ScriptedCard("6C02", "AAAA6101", "BB9000");
        assertThat(Hex.encode(exchange(card, "8003000001").bytes())).isEqualTo("AAAABB9000");
        assertThat(card.sent).containsExactly("8003000001", "8003000002", "00C0000001");
    }

    @Test
    void cardThatAnswers61xxForever_isCutOffWithAReaderError() {
        ScriptedCard card = new ScriptedCard(); // answers 6100 to everything
        assertThatThrownBy(() -> exchange(card, "80CA000000"))
                .isInstanceOf(ReaderException.class)
                .hasMessageContaining("kept answering 61xx");
        assertThat(card.sent).hasSize(ApduExchange.MAX_GET_RESPONSE_ROUNDS + 1);
    }

    @Test
    void responseWithoutStatusWord_isAReaderError() {
        ScriptedCard card = new ScriptedCard("90");
        assertThatThrownBy(() -> exchange(card, "80CA000000")).hasMessageContaining("no status word");
    }
}
