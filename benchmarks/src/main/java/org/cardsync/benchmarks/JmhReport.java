package org.cardsync.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The markdown table of a JMH run, from its JSON results ({@code -rf json}): one row per benchmark, score and 99.9 %
 * error in the run's unit. {@code java -cp cardsync-benchmarks.jar org.cardsync.benchmarks.JmhReport IN.json OUT.md
 * [NOTE]}; scripts/bench-jmh passes the load averages as the note.
 */
public final class JmhReport {
    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: JmhReport RESULTS.json OUT.md [NOTE]");
            System.exit(2);
        }
        String table = table(new ObjectMapper().readTree(Path.of(args[0]).toFile()), args.length > 2 ? args[2] : "");
        Files.writeString(Path.of(args[1]), table);
        System.out.print(table);
    }

    static String table(JsonNode results, String note) {
        StringBuilder out = new StringBuilder();
        if (!note.isBlank()) {
            out.append(note).append("\n\n");
        }
        out.append("| benchmark | mode | threads | score | ± (99.9 %) | unit |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText().replaceFirst("^org\\.cardsync\\.benchmarks\\.", "");
            JsonNode metric = r.path("primaryMetric");
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", name, r.path("mode").asText(),
                    r.path("threads").asInt(), number(metric.path("score").asDouble()),
                    number(metric.path("scoreError").asDouble()), metric.path("scoreUnit").asText()));
        }
        return out.toString();
    }

    /** Three significant digits at most, no exponent: 1234.5 → "1,235", 12.345 → "12.3", 0.1234 → "0.123". */
    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
