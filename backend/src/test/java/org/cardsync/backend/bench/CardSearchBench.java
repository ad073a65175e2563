package org.cardsync.backend.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of surefire's default run; scripts/bench-search runs it): the
 * console's card search (GET /api/cards?q=) on 100,000 cards of 100,000 customers, each kind of query many times,
 * through HTTP as the console calls it. Results in target/bench-search.txt; docs/performance.md "Card search"
 * explains them.
 */
@QuarkusTest
class CardSearchBench {
    private static final Logger LOG = Logger.getLogger(CardSearchBench.class);
    private static final int CARDS = Integer.getInteger("bench.cards", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 30);

    /** The demo catalogue's first product, so that summaries name a product like real cards. */
    private static final String AID = "f04341524453594e4301";

    @Inject
    AgroalDataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString("helpdesk:helpdesk-demo".getBytes(StandardCharsets.US_ASCII));

    @Test
    void searchOn100000Cards() throws Exception {
        long seeding = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;
        long total = count("select count(*) from card");
        Random random = new Random(42);
        // each kind of query, a fresh value per run where the kind allows it (no answer served from a cache)
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("card id prefix, 4 hex digits", i -> cardId(random.nextInt(CARDS) + 1).substring(0, 4));
        kinds.put("card id prefix, 10 hex digits", i -> cardId(random.nextInt(CARDS) + 1).substring(0, 10));
        kinds.put("whole card id", i -> cardId(random.nextInt(CARDS) + 1));
        kinds.put("user name (cust12345)", i -> "cust" + (random.nextInt(CARDS) + 1));
        kinds.put("display name, common (martin)", i -> "martin");
        kinds.put("display name, first + last", i -> FIRST[random.nextInt(FIRST.length)] + " "
                + LAST[random.nextInt(LAST.length)]);
        kinds.put("e-mail, one customer", i -> email(random.nextInt(CARDS) + 1));
        // the shortest queries operators type: a first letter (also a hex digit), two letters of a name
        kinds.put("one character (a)", i -> "a");
        kinds.put("two characters (ma)", i -> "ma");
        kinds.put("no match (zqzqzq)", i -> "zqzqzq");
        kinds.put("empty q, first page", i -> "");
        List<String> lines = new ArrayList<>();
        lines.add("Card search on " + total + " cards of " + count("select count(*) from user_account") + " accounts"
                + " (seeded in " + String.format(Locale.ROOT, "%.1f", seedSeconds) + " s); " + RUNS + " runs per kind after "
                + WARMUP + " warm-up runs; GET /api/cards?q=...&size=25 over HTTP (HTTP Basic, verified once), one at a time.");
        lines.add(String.format(Locale.ROOT, "%-34s %10s %10s %10s %10s", "query", "median ms", "p95 ms", "max ms",
                "hits (last)"));
        for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
            for (int i = 0; i < WARMUP; i++) {
                search(kind.getValue().apply(i));
            }
            double[] ms = new double[RUNS];
            long hits = 0;
            for (int i = 0; i < RUNS; i++) {
                String q = kind.getValue().apply(i);
                long start = System.nanoTime();
                String body = search(q);
                ms[i] = (System.nanoTime() - start) / 1e6;
                hits = totalOf(body);
            }
            java.util.Arrays.sort(ms);
            lines.add(String.format(Locale.ROOT, "%-34s %10.2f %10.2f %10.2f %10d", kind.getKey(), ms[RUNS / 2],
                    ms[(int) Math.ceil(RUNS * 0.95) - 1], ms[RUNS - 1], hits));
        }
        Files.write(Path.of("target", "bench-search.txt"), lines);
        lines.forEach(LOG::info);
    }

    private String search(String q) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/cards?size=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", authorization).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search " + q + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long totalOf(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static final String[] FIRST = {"Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Giulia", "Hugo",
        "Inès", "Jonas", "Karin", "Léa", "Malik", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Samir", "Tessa",
        "Ugo", "Vera", "Walid", "Xenia", "Yann", "Zoé", "Anna", "Ben", "Clara", "Dario"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
        "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "Andre", "Lefevre", "Mercier", "Dupont", "Lambert", "Bonnet",
        "Francois", "Martinez", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        "Marino", "Greco"};

    /** Customer i's card id: the first 16 hex digits of md5(i), as the seeding SQL computes it. */
    private static String cardId(int i) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(Integer.toString(i)
                    .getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(md5).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String email(int i) {
        return (FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length]).toLowerCase(Locale.ROOT) + i
                + "@mail.example";
    }

    /** 100,000 customers, each with one card of one application, in three INSERT … SELECT generate_series. */
    private void seed() throws Exception {
        String first = "(array['" + String.join("','", FIRST) + "'])";
        String last = "(array['" + String.join("','", LAST) + "'])";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into user_account (username, password_hash, role, display_name, email, created_at)"
                    + " select 'cust' || i, 'not-a-bcrypt-hash: cannot sign in', 'customer', "
                    + first + "[1 + i % " + FIRST.length + "] || ' ' || " + last + "[1 + (i / " + FIRST.length + ") % "
                    + LAST.length + "], lower(" + first + "[1 + i % " + FIRST.length + "] || '.' || " + last + "[1 + (i / "
                    + FIRST.length + ") % " + LAST.length + "]) || i || '@mail.example', now()"
                    + " from generate_series(1, " + CARDS + ") i");
            s.execute("insert into card (card_id, owner, created_at, activation_failures)"
                    + " select substr(md5(i::text), 1, 16), 'cust' || i, now(), 0 from generate_series(1, " + CARDS + ") i");
            s.execute("insert into card_application (card_ref, aid, status, confirmed_ca, last_atc, key_version, version,"
                    + " created_at) select c.id, '" + AID + "', 'ACTIVE', 0, 0, 1, 0, now() from card c"
                    + " where c.owner like 'cust%'");
            c.commit();
            s.execute("analyze");
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
