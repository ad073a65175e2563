package org.cardsync.loadgen.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.cardsync.loadgen.seed.Population;

/**
 * The kinds of query operators type into the console's card search (the former in-JVM CardSearchBench's list), each
 * drawing a fresh value per run from the seeded population where the kind allows it, so that no answer comes from a
 * cache: a card id prefix, a whole card id, a user name, a common and a precise display name, an e-mail, the shortest
 * queries, no match, and the first page of everything.
 */
final class SearchKinds {
    private SearchKinds() {
    }

    /** Kind name to query generator; {@code customers}: how many customers cust1 .. custN the values are drawn from. */
    static Map<String, Supplier<String>> of(long customers, Random random) {
        Supplier<Long> k = () -> 1 + (long) (random.nextDouble() * customers);
        Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("card id prefix, 4 hex digits", () -> Population.cardId(k.get()).substring(0, 4));
        kinds.put("card id prefix, 10 hex digits", () -> Population.cardId(k.get()).substring(0, 10));
        kinds.put("whole card id", () -> Population.cardId(k.get()));
        kinds.put("user name (cust12345)", () -> Population.username(k.get()));
        kinds.put("display name, common (martin)", () -> "martin");
        kinds.put("display name, first + last", () -> Population.displayName(k.get()));
        kinds.put("e-mail, one customer", () -> Population.email(k.get()));
        // the shortest queries operators type: a first letter (also a hex digit), two letters of a name
        kinds.put("one character (a)", () -> "a");
        kinds.put("two characters (ma)", () -> "ma");
        kinds.put("no match (zqzqzq)", () -> "zqzqzq");
        kinds.put("empty q, first page", () -> "");
        return kinds;
    }
}
