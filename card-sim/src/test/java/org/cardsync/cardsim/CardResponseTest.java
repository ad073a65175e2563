package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

class CardResponseTest {

    @Test
    void ofHex_splitsDataAndStatusWord() {
        CardResponse response = CardResponse.ofHex("68656c6c6f9000");

        assertThat(response.dataHex()).isEqualTo("68656c6c6f");
        assertThat(response.sw()).isEqualTo(0x9000);
        assertThat(response.swHex()).isEqualTo("9000");
        assertThat(response.isOk()).isTrue();
        assertThat(response.hex()).isEqualTo("68656c6c6f9000");
        assertThat(response.toBytes()).isEqualTo(Hex.decode("68656c6c6f9000"));
    }

    @Test
    void statusWordOnly_hasEmptyDataAndIsNotOk() {
        CardResponse response = CardResponse.ofHex("6a90");

        assertThat(response.data()).isEmpty();
        assertThat(response.swHex()).isEqualTo("6A90");
        assertThat(response.isOk()).isFalse();
        assertThat(response).hasToString("CardResponse[SW=6A90]");
    }

    @Test
    void toString_isHex() {
        assertThat(CardResponse.ofHex("0102" + "9401")).hasToString("CardResponse[data=0102, SW=9401]");
    }

    @Test
    void equality_isByContent_andTheValueCannotBeChangedFromOutside() {
        byte[] data = Hex.decode("0102");
        CardResponse response = new CardResponse(data, 0x9000);
        data[0] = 9;
        response.data()[1] = 9;

        assertThat(response).isEqualTo(CardResponse.ofHex("01029000"));
        assertThat(response.hashCode()).isEqualTo(CardResponse.ofHex("01029000").hashCode());
        assertThat(response).isNotEqualTo(CardResponse.ofHex("01026a90"));
    }

    @Test
    void aResponseShorterThanAStatusWord_isRefused() {
        assertThatThrownBy(() -> CardResponse.ofHex("90")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardResponse(new byte[0], 0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void message_ofARefusal_isAnError() {
        assertThatThrownBy(() -> CardResponse.ofHex("6a90").message())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("6A90");
    }
}
