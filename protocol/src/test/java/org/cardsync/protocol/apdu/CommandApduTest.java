package org.cardsync.protocol.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandApduTest {

    @ParameterizedTest(name = "{0} is case {1} with Ne={2}")
    @CsvSource({
        "00A40400, 1, 0, false",
        "00B0000010, 2S, 16, false",
        "00B0000000, 2S, 256, false",
        "00A4040003AABBCC, 3S, 0, false",
        "00A4040003AABBCC00, 4S, 256, false",
        "00B0000000000A, 2E, 10, true",
        "00B00000000000, 2E, 65536, true",
        "00D6000000000201AB, 3E, 0, true",
        "00D6000000000201AB0100, 4E, 256, true"})
    void wellFormedApdus_areClassifiedByIsoCase(String hex, String isoCase, int ne, boolean extended)
            throws MalformedApduException {
        CommandApdu apdu = CommandApdu.parseHex(hex);
        assertThat(apdu.ne()).isEqualTo(ne);
        assertThat(apdu.extended()).isEqualTo(extended);
        assertThat(apdu.hex()).isEqualToIgnoringCase(hex);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'', shorter than its 4-byte header",
        "00A404, shorter than its 4-byte header",
        "00A404000, odd number of hex digits",
        "00A40400GG, not a hex digit",
        "00A4040005AABB, Lc says 5",
        "00A4040002AABBCCDD, Lc says 2",
        "00A404000000, neither short nor extended",
        "00A40400000000AA, extended Lc is 0000",
        "00A40400000003AABB, extended Lc says 3"})
    void malformedApdus_areRefusedWithAReason(String hex, String reason) {
        assertThatThrownBy(() -> CommandApdu.parseHex(hex))
                .isInstanceOf(MalformedApduException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void apduLongerThanTheLargestExtendedApdu_isRefused() {
        String hex = "80010000" + "00FFFF" + "00".repeat(65_536) + "0000";
        assertThatThrownBy(() -> CommandApdu.parseHex(hex)).hasMessageContaining("longer than the largest");
    }

    @Test
    void withNe_onShortCase2_replacesLe() throws MalformedApduException {
        assertThat(CommandApdu.parseHex("8003000005").withNe(16).hex()).isEqualToIgnoringCase("8003000010");
    }

    @Test
    void withNe_onShortCase3_addsLe() throws MalformedApduException {
        assertThat(CommandApdu.parseHex("8003000002AABB").withNe(256).hex())
                .isEqualToIgnoringCase("8003000002AABB00");
    }

    @Test
    void withNe_onExtendedCase4_keepsTheExtendedForm() throws MalformedApduException {
        assertThat(CommandApdu.parseHex("00D6000000000201AB0100").withNe(16).hex())
                .isEqualToIgnoringCase("00D6000000000201AB0010");
    }

    @Test
    void getResponse_keepsOnlyTheLogicalChannelOfTheCommand() {
        assertThat(CommandApdu.getResponse(0x0D, 0x30).hex()).isEqualToIgnoringCase("01C0000030");
        assertThat(CommandApdu.getResponse(0x84, 256).hex()).isEqualToIgnoringCase("00C0000000");
    }

    @Test
    void factories_buildTheIsoCases_andTheParserReadsThemBack() throws MalformedApduException {
        CommandApdu case1 = CommandApdu.of(0x80, 0x44, 0, 0);
        CommandApdu case2 = CommandApdu.expectingData(0x80, 0x30, 0, 0);
        CommandApdu case3 = CommandApdu.of(0x80, 0x10, 0, 0, Hex.decode("0102"));
        CommandApdu case3Extended = CommandApdu.of(0x80, 0x10, 0, 0, new byte[340]);

        assertThat(case1.hex()).isEqualTo("80440000");
        assertThat(case2.hex()).isEqualTo("8030000000");
        assertThat(case2.ne()).isEqualTo(256);
        assertThat(case3.hex()).isEqualTo("80100000020102");
        assertThat(case3.data()).isEqualTo(Hex.decode("0102"));
        assertThat(case3Extended.hex()).startsWith("80100000000154").hasSize(2 * (7 + 340));
        assertThat(case3Extended.extended()).isTrue();
        for (CommandApdu apdu : new CommandApdu[] {case1, case2, case3, case3Extended}) {
            assertThat(CommandApdu.parse(apdu.bytes())).isEqualTo(apdu);
        }
    }

    @Test
    void factories_refuseFieldsThatDoNotFit() {
        assertThatThrownBy(() -> CommandApdu.of(0x80, 0x10, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandApdu.of(0x80, 0x10, 0, 0, new byte[65_536]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandApdu.of(0x100, 0x10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theValue_cannotBeChangedFromOutside() throws MalformedApduException {
        byte[] raw = Hex.decode("8030000000");
        CommandApdu apdu = CommandApdu.parse(raw);
        raw[1] = 0x44;
        apdu.bytes()[1] = 0x44;

        assertThat(apdu.hex()).isEqualTo("8030000000");
    }

    @Test
    void describe_showsTheHeaderAndLengthsButNotTheData() throws MalformedApduException {
        assertThat(CommandApdu.parseHex("8001000003AABBCC00").describe()).isEqualTo("80010000 Lc=3 Ne=256")
                .doesNotContain("AABBCC");
    }
}
