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
 * queries, no match, and the first page of everything. Each query says what its answer must hold, so that a search
 * that finds nothing (fast) is never timed as a fast search.
 */
final class SearchKinds {
    /** The page size the console asks for: a card expected in the answer is on the first page when the total fits. */
    static final int PAGE = 25;

    private SearchKinds() {
    }

    /**
     * One query and what its answer must hold: {@code card} (when not null) must be on the first page if the whole
     * match fits on it, and the total must be {@code exactly} (when 0 or more) or else at least 1.
     */
    record Probe(String q, String card, long exactly) {
        static Probe some(String q) {
            return new Probe(q, null, -1);
        }

        static Probe finding(String q, String card) {
            return new Probe(q, card, -1);
        }

        /** Why the answer is wrong, or null when it holds what it must. */
        String wrong(ConsoleClient.Answer answer) {
            if (exactly >= 0 && answer.total() != exactly) {
                return "'" + q + "' found " + answer.total() + " cards, not " + exactly;
            }
            if (exactly < 0 && answer.total() < 1) {
                return "'" + q + "' found no card";
            }
            if (card != null && answer.total() <= PAGE && !answer.cardIds().contains(card)) {
                return "'" + q + "' did not find card " + card + " (found " + answer.cardIds() + ")";
            }
            return null;
        }
    }

    /** Kind name to query generator; {@code customers}: how many customers cust1 .. custN the values are drawn from. */
    static Map<String, Supplier<Probe>> of(long customers, Random random) {
        Supplier<Long> k = () -> 1 + (long) (random.nextDouble() * customers);
        Map<String, Supplier<Probe>> kinds = new LinkedHashMap<>();
        kinds.put("card id prefix, 4 hex digits", () -> {
            String card = Population.cardId(k.get());
            return Probe.finding(card.substring(0, 4), card);
        });
        kinds.put("card id prefix, 10 hex digits", () -> {
            String card = Population.cardId(k.get());
            return Probe.finding(card.substring(0, 10), card);
        });
        kinds.put("whole card id", () -> {
            String card = Population.cardId(k.get());
            return new Probe(card, card, 1);
        });
        kinds.put("user name (cust12345)", () -> {
            long c = k.get();
            return Probe.finding(Population.username(c), Population.cardId(c));
        });
        kinds.put("display name, common (martin)", () -> Probe.some("martin"));
        kinds.put("display name, first + last", () -> {
            long c = k.get();
            return Probe.finding(Population.displayName(c), Population.cardId(c));
        });
        kinds.put("e-mail, one customer", () -> {
            long c = k.get();
            return new Probe(Population.email(c), Population.cardId(c), 1);
        });
        // the shortest queries operators type: a first letter (also a hex digit), two letters of a name
        kinds.put("one character (a)", () -> Probe.some("a"));
        // under 3 characters a q is only a card id prefix or a whole user name (docs/api.md): "ma" is neither
        kinds.put("two characters (ma)", () -> new Probe("ma", null, 0));
        kinds.put("no match (zqzqzq)", () -> new Probe("zqzqzq", null, 0));
        kinds.put("empty q, first page", () -> Probe.some(""));
        return kinds;
    }
}
