package org.cardsync.backend.card;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The one-time activation code that comes with a card issued without an owner: 12 characters from an alphabet
 * without 0, O, 1 and I (read aloud or typed from a letter without confusion), shown as XXXX-XXXX-XXXX. 32
 * symbols, so 60 random bits.
 */
public final class ActivationCode {
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GROUPS = 3;
    private static final int GROUP_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActivationCode() {
    }

    /** A fresh code, XXXX-XXXX-XXXX. */
    public static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < GROUPS * GROUP_LENGTH; i++) {
            if (i > 0 && i % GROUP_LENGTH == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * Only a bcrypt hash is stored: a copy of the database does not give away the codes of unlinked cards, and
     * its cost makes trying all 2^60 codes against a stolen hash hopeless.
     */
    public static String hash(String code) {
        return BcryptUtil.bcryptHash(normalise(code));
    }

    /** Whether a typed code is the one hashed; case, spaces and dashes do not matter. */
    public static boolean matches(String typed, String hash) {
        return typed != null && hash != null && BcryptUtil.matches(normalise(typed), hash);
    }

    private static String normalise(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }
}
