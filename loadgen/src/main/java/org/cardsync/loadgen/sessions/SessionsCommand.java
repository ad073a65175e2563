package org.cardsync.loadgen.sessions;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cardsync.loadgen.DatabaseOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessions}: complete card sessions per second against a running backend (REQUEST, a 3-action script run on
 * the card, ACK), from terminals of its own, each with its own card.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Complete card sessions per second from N terminals, each with its own card, against a backend.")
public final class SessionsCommand implements Callable<Integer> {
    @Option(names = "--backend", required = true, paramLabel = "URL", description = "e.g. http://127.0.0.1:8080")
    URI backend;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--terminals", defaultValue = "4", description = "Terminals, each with its own card (default: ${DEFAULT-VALUE})")
    int terminals;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured window, in seconds (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up before it, in seconds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where the results go")
    Path out;

    @Option(names = "--label", defaultValue = "", description = "A label the report shows for this run")
    String label;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("sessions is not written yet");
    }
}
