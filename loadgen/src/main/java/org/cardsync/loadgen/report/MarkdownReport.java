package org.cardsync.loadgen.report;

import java.util.List;
import java.util.Locale;
import org.cardsync.loadgen.sessions.SessionsResult;

/** A run as markdown tables (docs/performance.md takes them as they are) and as {@code BENCH sessions} lines. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    /** The report; {@code charts} are the chart files' names, relative to the report, shown under the tables. */
    static String markdown(List<RunPoint> points, List<String> charts) {
        StringBuilder md = new StringBuilder();
        SessionsResult first = points.get(0).sessions();
        md.append("Complete card sessions (REQUEST, a script of ").append(first.actionsPerSession())
                .append(" actions run on the card, ACK) against pgbench TPC-B on the same PostgreSQL")
                .append(first.label().isEmpty() ? "" : " (" + first.label() + ")")
                .append(String.format(Locale.ROOT, "; %d s warm-up, then a measured window of about %.0f s.%n%n",
                        first.warmupSeconds(), first.seconds()));
        md.append("| terminals | sessions/s | pgbench TPS | ratio | REQUEST p50 / p99 ms | ACK p50 / p99 ms "
                + "| card p50 ms | load average |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunPoint p : points) {
            SessionsResult s = p.sessions();
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f | %s |%n",
                    s.terminals(), s.sessionsPerSecond(), p.pgbench() == null ? "–" : fmt(p.pgbench().tps(), 1),
                    fmt(p.ratio(), 3), s.latencyMs().request().p50(), s.latencyMs().request().p99(),
                    s.latencyMs().ack().p50(), s.latencyMs().ack().p99(), s.latencyMs().card().p50(),
                    load(s.loadAverage())));
        }
        md.append("\nCPU per complete session, in milliseconds of one core, over the measured window; beside it, what "
                + "one pgbench transaction costs the same PostgreSQL.\n\n"
                + "| terminals | backend | PostgreSQL | load generator | total | PostgreSQL per pgbench transaction |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (RunPoint p : points) {
            double total = p.backendCpuMs() + p.postgresCpuMs() + p.loadgenCpuMs();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", p.terminals(),
                    fmt(p.backendCpuMs(), 2), fmt(p.postgresCpuMs(), 2), fmt(p.loadgenCpuMs(), 2), fmt(total, 2),
                    fmt(p.postgresCpuMsPerPgbenchTransaction(), 3)));
        }
        if (!charts.isEmpty()) {
            md.append('\n');
            for (String chart : charts) {
                md.append("![").append(chart).append("](").append(chart).append(")\n");
            }
        }
        return md.toString();
    }

    /** One {@code BENCH sessions ...} line per client count, for scripts (scripts/bench-scale reads them). */
    static String benchLines(List<RunPoint> points) {
        StringBuilder lines = new StringBuilder();
        for (RunPoint p : points) {
            SessionsResult s = p.sessions();
            lines.append(String.format(Locale.ROOT, "BENCH sessions terminals=%d sessions_per_s=%.1f pgbench_tps=%s "
                            + "ratio=%s request_p50_ms=%.2f request_p99_ms=%.2f ack_p50_ms=%.2f ack_p99_ms=%.2f "
                            + "cpu_ms_per_session_backend=%s cpu_ms_per_session_postgres=%s "
                            + "cpu_ms_per_session_loadgen=%s load=%s%s%n",
                    s.terminals(), s.sessionsPerSecond(), p.pgbench() == null ? "-" : fmt(p.pgbench().tps(), 1),
                    fmt(p.ratio(), 3), s.latencyMs().request().p50(), s.latencyMs().request().p99(),
                    s.latencyMs().ack().p50(), s.latencyMs().ack().p99(), fmt(p.backendCpuMs(), 2),
                    fmt(p.postgresCpuMs(), 2), fmt(p.loadgenCpuMs(), 2), load(s.loadAverage()).replace(" ", ""),
                    s.label().isEmpty() ? "" : " label=" + s.label().replace(' ', '_')));
        }
        return lines.toString();
    }

    private static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String load(List<Double> loadAverage) {
        return loadAverage.size() == 2
                ? String.format(Locale.ROOT, "%.1f→%.1f", loadAverage.get(0), loadAverage.get(1)) : "-";
    }
}
