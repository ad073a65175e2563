package org.cardsync.protocol.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

class ResponseApduTest {

    @Test
    void ofHex_splitsDataAndStatusWord() {
        ResponseApdu response = ResponseApdu.ofHex("68656c6c6f9000");

        assertThat(response.dataHex()).isEqualTo("68656c6c6f");
        assertThat(response.sw()).isEqualTo(0x9000);
        assertThat(response.sw1()).isEqualTo(0x90);
        assertThat(response.sw2()).isZero();
        assertThat(response.swHex()).isEqualTo("9000");
        assertThat(response.isOk()).isTrue();
        assertThat(response.hex()).isEqualTo("68656c6c6f9000");
        assertThat(response.bytes()).isEqualTo(Hex.decode("68656c6c6f9000"));
    }

    @Test
    void statusWordOnly_hasEmptyDataAndIsNotOk() {
        ResponseApdu response = ResponseApdu.ofHex("6a90");

        assertThat(response.data()).isEmpty();
        assertThat(response.swHex()).isEqualTo("6A90");
        assertThat(response.isOk()).isFalse();
    }

    @Test
    void toString_showsLengthAndStatusWord_butNotTheData() {
        assertThat(ResponseApdu.ofHex("0102" + "9401")).hasToString("ResponseApdu[2 data bytes, SW=9401]");
    }

    @Test
    void equality_isByContent_andTheValueCannotBeChangedFromOutside() {
        byte[] data = Hex.decode("0102");
        ResponseApdu response = ResponseApdu.of(data, 0x9000);
        data[0] = 9;
        response.data()[1] = 9;
        response.bytes()[0] = 9;

        assertThat(response).isEqualTo(ResponseApdu.ofHex("01029000"));
        assertThat(response.hashCode()).isEqualTo(ResponseApdu.ofHex("01029000").hashCode());
        assertThat(response).isNotEqualTo(ResponseApdu.ofHex("01026a90"));
    }

    @Test
    void aResponseShorterThanAStatusWord_isRefused() {
        assertThatThrownBy(() -> ResponseApdu.ofHex("90")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseApdu.of(new byte[0], 0x10000)).isInstanceOf(IllegalArgumentException.class);
    }
}
