package org.cardsync.loadgen.sessions;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What {@code sessions} writes (one JSON file per run) and {@code report} reads. Times in milliseconds, CPU in
 * seconds of one core over the measured window; a process that was not watched has null CPU.
 *
 * @param label            the run's label (e.g. the database's size), may be empty
 * @param terminals        terminals, each with its own card
 * @param warmupSeconds    warm-up before the window
 * @param seconds          the measured window as it was: from the terminals' start to the last one's end
 * @param sessions         complete sessions in the window
 * @param actionsPerSession actions in every session's script
 * @param errors           sessions that failed (the run fails unless 0)
 * @param errorMessages    the first few failures
 * @param stalls           requests in the window that waited 10 s or more for their answer (the run fails unless 0:
 *                         such a window is not a clean measure; their reports are in *-stall-N.txt beside the results)
 * @param latencyMs        per session: REQUEST and ACK round trips, time on the card, and the whole
 * @param cpuSeconds       CPU used in the window
 * @param loadAverage      the machine's 1-minute load average at the window's start and end
 */
public record SessionsResult(String label, int terminals, int warmupSeconds, double seconds, long sessions,
                             double sessionsPerSecond, int actionsPerSession, long errors, List<String> errorMessages,
                             long stalls, LatencyMs latencyMs, CpuSeconds cpuSeconds, List<Double> loadAverage) {

    /** Percentiles of one latency, in milliseconds. */
    public record Percentiles(double p50, double p90, double p99, double max, double mean) {
        static Percentiles of(Histogram micros) {
            return new Percentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    public record LatencyMs(Percentiles request, Percentiles ack, Percentiles card, Percentiles session) {
        static LatencyMs of(Latencies l) {
            return new LatencyMs(Percentiles.of(l.request), Percentiles.of(l.ack), Percentiles.of(l.card),
                    Percentiles.of(l.session));
        }
    }

    /** CPU seconds in the window: the backend's JVM, the whole PostgreSQL cluster, the load generator's JVM. */
    public record CpuSeconds(Double backend, Double postgres, double loadgen) {
    }
}
