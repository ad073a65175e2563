package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApdusTest {
    @Test
    void shortData_usesOneLengthByte() {
        assertThat(Hex.encode(Apdus.command(0x80, 0x10, 0, 0, Hex.decode("0102")))).isEqualTo("80100000020102");
    }

    @Test
    void noData_isCaseOne() {
        assertThat(Hex.encode(Apdus.command(0x80, 0x44, 0, 0, new byte[0]))).isEqualTo("80440000");
    }

    @Test
    void dataAbove255Bytes_usesTheExtendedLengthForm() {
        byte[] apdu = Apdus.command(0x80, 0x10, 0, 0, new byte[340]);
        assertThat(Hex.encode(apdu).substring(0, 14)).isEqualTo("80100000000154");
        assertThat(apdu).hasSize(4 + 3 + 340);
    }
}
