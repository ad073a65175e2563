package org.cardsync.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forms in which a secret can reach a log line, for {@link LogsHoldNoSecretsTest}: a byte string (a key, a MAC,
 * an APDU body, given as hex) as contiguous hex in any case, hex split by spaces or colons (as APDU traces print it),
 * Base64 (standard and URL-safe, padding aside) and the inside of {@code Arrays.toString}; a text secret (a
 * password) as it is. A leak printed in any of these forms is as readable as plain hex.
 */
final class SecretForms {

    private static final HexFormat HEX = HexFormat.of();

    /** One searched form of one secret: {@code text} in a line (ignoring case if {@code anyCase}) is a leak. */
    record Form(String text, boolean anyCase, String what) {
        boolean foundIn(String line) {
            return anyCase ? line.toLowerCase(Locale.ROOT).contains(text) : line.contains(text);
        }
    }

    private SecretForms() {
    }

    /** @param secrets each secret (lower-case hex for bytes, else text) with what it is */
    static List<Form> of(Map<String, String> secrets) {
        List<Form> forms = new ArrayList<>();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            String value = secret.getKey();
            String what = secret.getValue();
            if (!value.matches("([0-9a-f]{2})+")) {
                forms.add(new Form(value, false, what));
                continue;
            }
            byte[] bytes = HEX.parseHex(value);
            forms.add(new Form(value, true, what + ", as hex"));
            forms.add(new Form(HexFormat.ofDelimiter(" ").formatHex(bytes), true, what + ", as spaced hex"));
            forms.add(new Form(HexFormat.ofDelimiter(":").formatHex(bytes), true, what + ", as hex with colons"));
            forms.add(new Form(unpadded(Base64.getEncoder().encodeToString(bytes)), false, what + ", as Base64"));
            forms.add(new Form(unpadded(Base64.getUrlEncoder().encodeToString(bytes)), false,
                    what + ", as URL-safe Base64"));
            String array = Arrays.toString(bytes);
            // Without its brackets, so that the secret is found inside a longer array too.
            forms.add(new Form(array.substring(1, array.length() - 1), false, what + ", as Arrays.toString"));
        }
        return forms;
    }

    /** Base64 without its padding: the secret's own characters, found also where it starts a longer encoding. */
    private static String unpadded(String base64) {
        return base64.replace("=", "");
    }
}
