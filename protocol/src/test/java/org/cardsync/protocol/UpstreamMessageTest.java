package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpstreamMessageTest {
    private static final String CHAIN = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf";
    private static final String REQUEST_PREFIX = "01" + "01" + "0102030405060708" + "0a" + "f04341524453594e4301"
            + "00000001" + "00000000" + CHAIN + "21";

    @Test
    void parse_refusesAnUnknownVersion() {
        assertThatThrownBy(() -> UpstreamMessage.parseHex("02" + REQUEST_PREFIX.substring(2) + "00".repeat(33 + 16)))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.UNSUPPORTED_VERSION);
    }

    @Test
    void parse_refusesATruncatedMessage() {
        assertThatThrownBy(() -> UpstreamMessage.parseHex(REQUEST_PREFIX + "01" + "00".repeat(10)))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.WRONG_LENGTH);
    }

    @Test
    void parse_refusesTrailingBytes() {
        String body = "01" + "00000000" + "00000000" + "00".repeat(16) + "00000000" + "02" + "03" + "0000";
        assertThat(UpstreamMessage.parseHex(REQUEST_PREFIX + body + "00".repeat(16)).type()).isEqualTo(MessageType.REQUEST);
        assertThatThrownBy(() -> UpstreamMessage.parseHex(REQUEST_PREFIX + body + "00".repeat(17)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void parse_readsTheActionChainBetweenCaAndTheBodyLength() {
        String body = "01" + "00000000" + "00000000" + "00".repeat(16) + "00000000" + "02" + "03" + "0000";
        UpstreamMessage m = UpstreamMessage.parseHex(REQUEST_PREFIX + body + "00".repeat(16));
        assertThat(Hex.encode(m.chain())).isEqualTo(CHAIN);
        assertThat(m.ca()).isZero();
        assertThat(m.request().transactionType()).isEqualTo(TransactionType.SYNC);
    }

    @Test
    void chain_isACopy() {
        String body = "01" + "00000000" + "00000000" + "00".repeat(16) + "00000000" + "02" + "03" + "0000";
        UpstreamMessage m = UpstreamMessage.parseHex(REQUEST_PREFIX + body + "00".repeat(16));
        m.chain()[0] = 0;
        assertThat(Hex.encode(m.chain())).isEqualTo(CHAIN);
    }

    @Test
    void parse_refusesAMessageInTheLayoutWithoutTheChain() {
        String oldPrefix = REQUEST_PREFIX.replace(CHAIN, "");
        String body = "01" + "00000000" + "00000000" + "00".repeat(16) + "00000000" + "02" + "03" + "0000";
        assertThatThrownBy(() -> UpstreamMessage.parseHex(oldPrefix + body + "00".repeat(16)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void parse_refusesAnUnknownTransactionType() {
        String body = "09" + "00000000" + "00000000" + "00".repeat(16) + "00000000" + "02" + "03" + "0000";
        assertThatThrownBy(() -> UpstreamMessage.parseHex(REQUEST_PREFIX + body + "00".repeat(16)))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.BAD_VALUE);
    }

    @Test
    void hex_refusesOddLengthAndNonHex() {
        assertThatThrownBy(() -> Hex.decode("abc")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Hex.decode("zz")).isInstanceOf(ProtocolException.class);
    }
}
