package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log scan finds a secret in every form a logger may print it in, and nothing in a clean line. */
class SecretFormsTest {

    /** A key as the scan gets it (lower-case hex), and the same bytes as each form a log line may hold. */
    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final byte[] KEY_BYTES = HexFormat.of().parseHex(KEY);
    private static final List<SecretForms.Form> FORMS = SecretForms.of(Map.of(KEY, "a key", "s3cret-pw", "a password"));

    private static List<String> leaksIn(String line) {
        return FORMS.stream().filter(form -> form.foundIn(line)).map(SecretForms.Form::what).toList();
    }

    @Test
    void keyInAnyFormALoggerPrints_isFound() {
        String spaced = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(KEY_BYTES);
        assertThat(leaksIn("FINE apdu data " + spaced + " sent")).isNotEmpty();
        assertThat(leaksIn("key=" + KEY.toUpperCase())).isNotEmpty();
        assertThat(leaksIn("mac " + HexFormat.ofDelimiter(":").formatHex(KEY_BYTES))).isNotEmpty();
        assertThat(leaksIn("{\"k\":\"" + Base64.getEncoder().encodeToString(KEY_BYTES) + "\"}")).isNotEmpty();
        assertThat(leaksIn("k=" + Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_BYTES))).isNotEmpty();
        byte[] longer = Arrays.copyOf(KEY_BYTES, KEY_BYTES.length + 3);
        assertThat(leaksIn("data " + Arrays.toString(longer))).isNotEmpty();
        assertThat(leaksIn("login with s3cret-pw refused")).containsExactly("a password");
    }

    @Test
    void lineWithoutTheSecret_isClean() {
        assertThat(leaksIn("INFO page 1 connected to Virtual PCD 00 00; apdu 80 42 00 00 Lc=40 sw=9000")).isEmpty();
        assertThat(leaksIn("key " + KEY.substring(0, 30))).as("a part of the key is not the key").isEmpty();
    }
}
