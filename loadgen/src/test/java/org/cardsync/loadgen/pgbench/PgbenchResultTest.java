package org.cardsync.loadgen.pgbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgbenchResultTest {
    /** pgbench 15's report of a run (its own words, as printed to standard output). */
    private static final String REPORT = """
            pgbench (15.14 (Debian 15.14-0+deb12u1), server 17.6)
            transaction type: <builtin: TPC-B (sort of)>
            scaling factor: 10
            query mode: simple
            number of clients: 2
            number of threads: 2
            maximum number of tries: 1
            duration: 5 s
            number of transactions actually processed: 1894
            number of failed transactions: 0 (0.000%)
            latency average = 5.243 ms
            initial connection time = 12.345 ms
            tps = 381.481049 (without initial connection time)
            """;

    @Test
    void parse_readsTransactionsFailuresLatencyAndTps() {
        PgbenchResult.Report report = PgbenchResult.parse(REPORT);

        assertThat(report.transactions()).isEqualTo(1894);
        assertThat(report.failed()).isZero();
        assertThat(report.latencyMs()).isEqualTo(5.243);
        assertThat(report.tps()).isEqualTo(381.481049);
    }

    @Test
    void parse_refusesAnOutputWithoutTps() {
        assertThatThrownBy(() -> PgbenchResult.parse("pgbench: error: connection to server failed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transactions");
    }
}
