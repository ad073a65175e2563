package org.cardsync.backend.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The catalogue as the issuer writes it: read strictly, checked, and each parameter type's encoding. */
class CatalogueTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final String AID = "f04341524453594e4301";

    private static Catalogue demo() throws IOException {
        try (InputStream in = CatalogueTest.class.getClassLoader().getResourceAsStream("demo-catalogue.json")) {
            return CatalogueLoader.read(in, "demo", VALIDATOR);
        }
    }

    private static Catalogue read(String json) throws IOException {
        return CatalogueLoader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", VALIDATOR);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void demoCatalogue_amountIsTwoBytesBigEndianWithinItsRange() throws Exception {
        ParameterSpec limit = demo().product(AID).parameter(0).orElseThrow();
        assertThat(hex(limit.encode("5000"))).isEqualTo("1388");
        assertThat(hex(limit.encode("0"))).isEqualTo("0000");
        assertThat(hex(limit.encode("50000"))).isEqualTo("c350");
        assertThat(limit.decode(HexFormat.of().parseHex("0102"))).contains("258");
        assertThat(limit.decode(HexFormat.of().parseHex("010203"))).as("not two bytes").isEmpty();
        for (String bad : new String[] {"50001", "-1", "1.5", "1e3", " 5", ""}) {
            assertThatThrownBy(() -> limit.encode(bad)).as(bad).isInstanceOf(ParameterSpec.InvalidValue.class);
        }
    }

    @Test
    void demoCatalogue_choiceAndText() throws Exception {
        Catalogue.Product product = demo().product(AID);
        ParameterSpec language = product.parameter(1).orElseThrow();
        assertThat(hex(language.encode("fr"))).isEqualTo("6672"); // ASCII "fr"
        assertThat(language.decode("de".getBytes(StandardCharsets.US_ASCII))).contains("de");
        assertThat(language.decode(new byte[] {1})).isEmpty();
        assertThatThrownBy(() -> language.encode("FR")).isInstanceOf(ParameterSpec.InvalidValue.class);
        ParameterSpec name = product.parameter(3).orElseThrow();
        assertThat(hex(name.encode("Bus"))).isEqualTo("427573");
        assertThat(name.encode("").length).isZero();
        assertThatThrownBy(() -> name.encode("x".repeat(17))).isInstanceOf(ParameterSpec.InvalidValue.class);
        assertThatThrownBy(() -> name.encode("tab\there")).isInstanceOf(ParameterSpec.InvalidValue.class);
        assertThat(product.parameter(2).orElseThrow().customerMayChange()).isFalse();
        assertThat(product.currency().format(99000)).isEqualTo("990.00 EUR");
    }

    @Test
    void anAidNotInTheCatalogue_isANeutralCardApplication() throws Exception {
        Catalogue.Product unknown = demo().product("a000000001");
        assertThat(unknown.productName()).isEqualTo("Card application");
        assertThat(unknown.currency().code()).isEqualTo("XXX");
        assertThat(unknown.parameters()).isEmpty();
        assertThat(Catalogue.EMPTY.product(AID).productName()).isEqualTo("Card application");
    }

    @Test
    void aCatalogueThatIsNotWhatThePortalReliesOn_isRefused() {
        String amount = """
                {"applications":[{"aid":"%s","productName":"P","currency":{"code":"EUR","minorUnits":2},
                 "parameters":[{"slot":0,"name":"N","description":"D","type":"AMOUNT","customerMayChange":true,
                 %s}]}],"services":[]}""";
        assertThatThrownBy(() -> read(amount.formatted(AID, "\"min\":0,\"max\":10"))).as("AMOUNT without length")
                .hasMessageContaining("needs the fields of its type");
        assertThatThrownBy(() -> read(amount.formatted(AID, "\"length\":1,\"min\":0,\"max\":256"))).as("256 in one byte")
                .hasMessageContaining("needs the fields of its type");
        assertThatThrownBy(() -> read(amount.formatted(AID, "\"length\":\"2\",\"min\":0,\"max\":10"))).as("a string for a number");
        assertThatThrownBy(() -> read(amount.formatted(AID, "\"length\":2,\"length\":3,\"min\":0,\"max\":10"))).as("duplicate key");
        assertThatThrownBy(() -> read(amount.formatted(AID, "\"length\":2,\"min\":0,\"max\":10,\"colour\":1"))).as("unknown field");
        assertThatThrownBy(() -> read(amount.formatted("F043", "\"length\":2,\"min\":0,\"max\":10"))).as("bad AID");
        assertThatThrownBy(() -> read("""
                {"applications":[],"services":[
                 {"serviceId":"a","name":"A","description":"D","appId":1,"record":"00"},
                 {"serviceId":"b","name":"B","description":"D","appId":1,"record":"00"}]}""")).as("two services, one appId")
                .hasMessageContaining("service appId");
    }
}
