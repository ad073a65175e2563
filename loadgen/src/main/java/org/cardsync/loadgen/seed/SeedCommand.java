package org.cardsync.loadgen.seed;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.cardsync.loadgen.DatabaseOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loadgen seed}: brings the database to N card applications with their cards and customers, K of them with long
 * histories, by COPY (docs/performance.md "A million card applications"). Idempotent per N.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Brings the database to N card applications (with cards, customers, K long histories) by COPY.")
public final class SeedCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Option(names = "--applications", required = true, description = "card applications the database is brought to")
    long applications;

    @Option(names = "--long-histories", defaultValue = "100",
            description = "how many of them get a long history (default: ${DEFAULT-VALUE})")
    int longHistories;

    @Option(names = "--history-sessions", defaultValue = "1000", description = "sessions in each long history, each a"
            + " settled script of 3 executed CREDITs and 10 audit rows (default: ${DEFAULT-VALUE})")
    int historySessions;

    @Option(names = "--short-histories", defaultValue = "10", paramLabel = "PERCENT", description = "the share of the"
            + " other applications, in percent, that get a short history (default: ${DEFAULT-VALUE})")
    int shortHistoryPercent;

    @Option(names = "--short-history-sessions", defaultValue = "10",
            description = "sessions in each short history (default: ${DEFAULT-VALUE})")
    int shortHistorySessions;

    @Option(names = "--key-version", defaultValue = "1",
            description = "the issuer key version the applications were issued with (default: ${DEFAULT-VALUE})")
    int keyVersion;

    @Override
    public Integer call() throws Exception {
        if (applications < 0 || longHistories < 0 || historySessions < 1 || keyVersion < 1 || shortHistoryPercent < 0
                || shortHistoryPercent > 30 || shortHistorySessions < 0) {
            System.err.println("--applications, --long-histories and --short-history-sessions must be 0 or more,"
                    + " --short-histories 0 to 30 (percent), --history-sessions and --key-version 1 or more");
            return 2;
        }
        long start = System.nanoTime();
        Seeder.Outcome o = Seeder.seed(new Seeder.Request(database.url(), database.user(), database.password(), applications, longHistories,
                historySessions, shortHistoryPercent, shortHistorySessions, keyVersion), System.out::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (o.existing() > 2 * applications) {
            // a run labelled with the size asked for must not measure a database of another size (a reused --data
            // directory); the few cards each benchmark run issues on a reused one are no other size
            System.err.printf(Locale.ROOT, "seed: the database already holds %d card applications, more than twice the"
                    + " %d asked for: use another data directory%n", o.existing(), applications);
            return 3;
        }
        if (o.added() == 0) {
            System.out.printf(Locale.ROOT, "seed: the database already holds %d card applications (%d migrations"
                    + " applied); nothing added, %.1f s%n", o.existing(), o.migrations(), seconds);
        } else {
            System.out.printf(Locale.ROOT, "seed: %d card applications added to %d (%d with long histories, %d with"
                    + " short ones), %d rows;"
                    + " copy %.1f s, vacuum analyze %.1f s, total %.1f s (with %d migrations)%n", o.added(),
                    o.existing(), o.longHistories(), o.shortHistories(), o.rows(), o.copySeconds(), o.vacuumSeconds(), seconds,
                    o.migrations());
        }
        return 0;
    }
}
