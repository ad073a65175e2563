package org.cardsync.loadgen.seed;

import java.util.Locale;

/**
 * Who the seeded customers are, as a pure function of their number k (1, 2, 3 ...): user name {@code cust<k>}, a
 * display name from two short lists of first and last names, an e-mail, and the id of their one card. The search
 * benchmark draws its queries from the same functions, so that a query for customer k finds what the seed wrote.
 */
public final class Population {
    /** The demo catalogue's products (backend demo-catalogue.json): the console names every application's product. */
    public static final String AID_PURSE = "f04341524453594e4301";
    public static final String AID_CAMPUS = "f04341524453594e4302";

    static final String[] FIRST = {"Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Giulia", "Hugo",
        "Inès", "Jonas", "Karin", "Léa", "Malik", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Samir", "Tessa",
        "Ugo", "Vera", "Walid", "Xenia", "Yann", "Zoé", "Anna", "Ben", "Clara", "Dario"};
    static final String[] LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
        "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "Andre", "Lefevre", "Mercier", "Dupont", "Lambert", "Bonnet",
        "Francois", "Martinez", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        "Marino", "Greco"};

    /** Odd, so that k -> k * GOLDEN is a bijection of 64-bit values: distinct customers get distinct card ids. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Population() {
    }

    public static String username(long k) {
        return "cust" + k;
    }

    public static String firstName(long k) {
        return FIRST[(int) (k % FIRST.length)];
    }

    public static String lastName(long k) {
        return LAST[(int) ((k / FIRST.length) % LAST.length)];
    }

    public static String displayName(long k) {
        return firstName(k) + " " + lastName(k);
    }

    public static String email(long k) {
        return (firstName(k) + "." + lastName(k)).toLowerCase(Locale.ROOT) + k + "@mail.example";
    }

    /**
     * Customer k's card id: 16 hex digits of a bijective mix of k (splitmix64's finaliser), so ids are unique, look
     * random and spread over the whole index like issued ones.
     */
    public static String cardId(long k) {
        long z = k * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        String hex = Long.toHexString(z);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Every fourth customer's card carries a second application (the campus card), as rule 1 allows. */
    public static int applicationsOf(long k) {
        return k % 4 == 0 ? 2 : 1;
    }
}
