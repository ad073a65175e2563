package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PersonalisationTest {

    private static String file(String cardId, String applications) {
        return "{\"format\":\"cardsync-personalisation/1\",\"cardId\":\"" + cardId + "\",\"applications\":"
                + applications + "}";
    }

    @Test
    void validFile_givesCardIdAndApplicationsInOrder() {
        Personalisation p = Personalisation.parse(file("00112233445566aa",
                "[{\"aid\":\"F00000000101\",\"apdus\":[\"80100000\"]},{\"aid\":\"F00000000102\",\"apdus\":[]}]"), "t");
        assertThat(p.cardId()).isEqualTo("00112233445566AA");
        assertThat(p.applications()).hasSize(2);
        assertThat(HexFormat.of().withUpperCase().formatHex(p.applications().get(1).aid())).isEqualTo("F00000000102");
        assertThat(p.applications().get(0).apdus()).hasSize(1);
    }

    @Test
    void wrongFormat_isRefused() {
        assertThatThrownBy(() -> Personalisation.parse("{\"format\":\"x\"}", "t")).hasMessageContaining("format");
    }

    @Test
    void cardIdOfWrongLength_isRefused() {
        assertThatThrownBy(() -> Personalisation.parse(file("0011", "[]"), "t")).hasMessageContaining("cardId");
    }

    @Test
    void noApplications_isRefused() {
        assertThatThrownBy(() -> Personalisation.parse(file("0011223344556677", "[]"), "t"))
                .hasMessageContaining("applications");
    }

    @Test
    void malformedPersonalisationApdu_isRefusedWithItsPosition() {
        assertThatThrownBy(() -> Personalisation.parse(file("0011223344556677",
                "[{\"aid\":\"F00000000101\",\"apdus\":[\"80100000\",\"8010000005AA\"]}]"), "card.json"))
                .hasMessageContaining("card.json: applications[0].apdus[1]");
    }

    @Test
    void aidTooShort_isRefused() {
        assertThatThrownBy(() -> Personalisation.parse(file("0011223344556677",
                "[{\"aid\":\"F000\",\"apdus\":[]}]"), "t")).hasMessageContaining("aid");
    }

    @Test
    void notJson_isRefused() {
        assertThatThrownBy(() -> Personalisation.parse("nope", "t")).hasMessageContaining("JSON");
    }
}
