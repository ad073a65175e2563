package org.cardsync.loadgen.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.cardsync.loadgen.seed.Population;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen search}: the console's card search against a running backend, each kind of query many times, one at a
 * time, as a helpdesk operator's browser sends them (docs/performance.md "The console's card search at a million").
 * Prints a table and a {@code BENCH search} line; writes the figures as JSON.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Times the console's card search (GET /api/cards?q=) per kind of query, over HTTP.")
public final class SearchCommand implements Callable<Integer> {
    @Option(names = "--backend", required = true, paramLabel = "URL", description = "e.g. http://127.0.0.1:8080")
    URI backend;

    @Option(names = "--user", defaultValue = "helpdesk", description = "a helpdesk account (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", defaultValue = "${env:CARDSYNC_LOADGEN_CONSOLE_PASSWORD:-helpdesk-demo}",
            description = "its password (default: CARDSYNC_LOADGEN_CONSOLE_PASSWORD, else the demo profile's)")
    String password;

    @Option(names = "--runs", defaultValue = "100", description = "measured queries per kind (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "10", description = "unmeasured queries per kind first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--out", paramLabel = "FILE.json", description = "where to write the figures")
    Path out;

    @Option(names = "--label", defaultValue = "", description = "a label written into the JSON")
    String label;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0) {
            System.err.println("--runs must be 1 or more and --warmup 0 or more");
            return 2;
        }
        try (ConsoleClient console = ConsoleClient.signIn(backend, user, password)) {
            return measure(console);
        }
    }

    private int measure(ConsoleClient console) throws IOException {
        long cards = console.search("").total();
        long customers = seededCustomers(console);
        if (customers == 0) {
            System.err.println("search: the database holds no seeded customer (cust1...): run loadgen seed first");
            return 1;
        }
        Map<String, Supplier<SearchKinds.Probe>> kinds = SearchKinds.of(customers, new Random(42));
        System.out.printf(Locale.ROOT, "Card search on %,d cards (%,d seeded customers): %d runs per kind after %d"
                + " warm-up runs, GET /api/cards?q=...&size=25, one at a time%n", cards, customers, runs, warmup);
        System.out.printf(Locale.ROOT, "%-32s %9s %9s %9s %9s %11s%n", "query", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "hits (last)");
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode().put("label", label).put("cards", cards).put("runs", runs)
                .put("warmup", warmup);
        ArrayNode rows = result.putArray("kinds");
        double worstP99 = 0;
        String worstKind = "";
        for (Map.Entry<String, Supplier<SearchKinds.Probe>> kind : kinds.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                console.search(kind.getValue().get().q());
            }
            Histogram micros = new Histogram(60_000_000L, 3);
            long hits = 0;
            for (int i = 0; i < runs; i++) {
                SearchKinds.Probe probe = kind.getValue().get();
                long start = System.nanoTime();
                ConsoleClient.Answer answer = console.search(probe.q());
                micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                String wrong = probe.wrong(answer);
                if (wrong != null) {
                    System.err.println("search: a wrong answer fails the run (kind \"" + kind.getKey() + "\"): "
                            + wrong);
                    return 1;
                }
                hits = answer.total();
            }
            double p50 = ms(micros, 50);
            double p90 = ms(micros, 90);
            double p99 = ms(micros, 99);
            double max = micros.getMaxValue() / 1000.0;
            System.out.printf(Locale.ROOT, "%-32s %9.2f %9.2f %9.2f %9.2f %11d%n", kind.getKey(), p50, p90, p99, max,
                    hits);
            rows.addObject().put("kind", kind.getKey()).put("p50_ms", p50).put("p90_ms", p90).put("p99_ms", p99)
                    .put("max_ms", max).put("hits_last", hits);
            if (p99 > worstP99) {
                worstP99 = p99;
                worstKind = kind.getKey();
            }
        }
        result.put("worst_p99_ms", worstP99).put("worst_kind", worstKind);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        }
        System.out.printf(Locale.ROOT, "BENCH search cards=%d worst_p99_ms=%.2f worst_kind=\"%s\"%n", cards, worstP99,
                worstKind);
        return 0;
    }

    /**
     * How many customers the seed numbered cust1 .. custN (contiguous: each seed run numbers on from the last), found
     * by searching for their cards' whole ids: a doubling then a bisection, about 2 log2(N) queries. The card count
     * would overstate it (demo cards, the load generator's own), and a query drawn past N would find nothing.
     */
    private static long seededCustomers(ConsoleClient console) throws IOException {
        if (!seeded(console, 1)) {
            return 0;
        }
        long low = 1;
        long high = 2;
        while (seeded(console, high)) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (seeded(console, mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean seeded(ConsoleClient console, long customer) throws IOException {
        String card = Population.cardId(customer);
        return console.search(card).cardIds().contains(card);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
