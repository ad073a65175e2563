package org.cardsync.loadgen.pgbench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code pgbench} writes (one JSON file per run) and {@code report} reads: pgbench's TPC-B figures and the CPU
 * its window cost, in seconds of one core.
 *
 * @param clients       pgbench's client count (-c)
 * @param seconds       its duration (-T)
 * @param transactions  transactions it completed
 * @param tps           its TPS (without the initial connection time)
 * @param latencyMs     its average latency
 * @param cpuSeconds    CPU used by pgbench itself and by the whole PostgreSQL cluster
 * @param loadAverage   the machine's 1-minute load average at the start and the end
 */
public record PgbenchResult(int clients, int seconds, long transactions, double tps, double latencyMs,
                            CpuSeconds cpuSeconds, List<Double> loadAverage) {

    public record CpuSeconds(double pgbench, Double postgres) {
    }

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern TRANSACTIONS =
            Pattern.compile("(?m)^number of transactions actually processed: ([0-9]+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: ([0-9]+)");

    /** pgbench's figures as its report gives them (pgbench 15 to 17). */
    record Report(long transactions, long failed, double tps, double latencyMs) {
    }

    /**
     * Reads pgbench's report.
     *
     * @throws IllegalArgumentException if a figure is missing
     */
    static Report parse(String output) {
        return new Report(Long.parseLong(find(TRANSACTIONS, output, "transactions")),
                FAILED.matcher(output).find() ? Long.parseLong(find(FAILED, output, "failed transactions")) : 0,
                Double.parseDouble(find(TPS, output, "tps")), Double.parseDouble(find(LATENCY, output, "latency")));
    }

    private static String find(Pattern pattern, String output, String what) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("pgbench's output has no " + what + ":\n" + output);
        }
        return m.group(1);
    }
}
