package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardStatusTest {

    /** GET STATUS of an ACTIVE application with CA 7, ATC 9, one LOADING and one ACTIVE entry. */
    private static final String STATUS = "01" + "02" + "0102030405060708" + "0a" + "f04341524453594e4301"
            + "00000007" + "00000009" + "000003e8" + "000186a0" + "03" + "0c" + "02"
            + "0101" + "02" + "00a0" + "0a0b" + "01" + "0005";

    @Test
    void parse_readsEveryField() {
        CardStatus status = CardStatus.parse(Hex.decode(STATUS));

        assertThat(status.state()).isEqualTo(LifeCycleState.ACTIVE);
        assertThat(status.cardId()).isEqualTo(Hex.decode("0102030405060708"));
        assertThat(status.aid()).isEqualTo(Hex.decode("f04341524453594e4301"));
        assertThat(status.ca()).isEqualTo(7);
        assertThat(status.atc()).isEqualTo(9);
        assertThat(status.balance()).isEqualTo(1_000);
        assertThat(status.purseLimit()).isEqualTo(100_000);
        assertThat(status.pinTriesRemaining()).isEqualTo(3);
        assertThat(status.sessionOpen()).isTrue();
        assertThat(status.pinValidated()).isTrue();
        assertThat(status.caSaturated()).isFalse();
        assertThat(status.atcSaturated()).isFalse();
        assertThat(status.applications()).containsExactly(
                new CardStatus.ApplicationEntry(0x0101, CardStatus.ApplicationEntry.ACTIVE, 160),
                new CardStatus.ApplicationEntry(0x0a0b, CardStatus.ApplicationEntry.LOADING, 5));
    }

    @Test
    void parse_readsCountersAsUnsigned32Bit() {
        String saturated = STATUS.replace("00000007" + "00000009", "ffffffff" + "ffffffff").replace("030c02", "030302");
        CardStatus status = CardStatus.parse(Hex.decode(saturated));

        assertThat(status.ca()).isEqualTo(0xFFFFFFFFL);
        assertThat(status.atc()).isEqualTo(0xFFFFFFFFL);
        assertThat(status.caSaturated()).isTrue();
        assertThat(status.atcSaturated()).isTrue();
    }

    @Test
    void parse_refusesTruncatedOrTrailingBytesOrAnotherVersion() {
        assertThatThrownBy(() -> CardStatus.parse(Hex.decode(STATUS.substring(0, STATUS.length() - 2))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error()).isEqualTo(ProtocolError.WRONG_LENGTH));
        assertThatThrownBy(() -> CardStatus.parse(Hex.decode(STATUS + "00")))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error()).isEqualTo(ProtocolError.WRONG_LENGTH));
        assertThatThrownBy(() -> CardStatus.parse(Hex.decode("02" + STATUS.substring(2))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error()).isEqualTo(ProtocolError.UNSUPPORTED_VERSION));
    }

    @Test
    void equality_isByContent() {
        assertThat(CardStatus.parse(Hex.decode(STATUS))).isEqualTo(CardStatus.parse(Hex.decode(STATUS)));
    }
}
