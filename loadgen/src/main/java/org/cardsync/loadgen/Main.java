package org.cardsync.loadgen;

import org.cardsync.loadgen.pgbench.PgbenchCommand;
import org.cardsync.loadgen.report.ReportCommand;
import org.cardsync.loadgen.search.SearchCommand;
import org.cardsync.loadgen.seed.SeedCommand;
import org.cardsync.loadgen.sessions.SessionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load generator's entry point: {@code java -jar loadgen/target/cardsync-loadgen.jar COMMAND [OPTIONS]}.
 * Every command is registered in {@link #COMMANDS}, in the order {@code --help} lists them; each lives in a package
 * of its own ({@code org.cardsync.loadgen.<command>}). A command that fails exits non-zero, so that the
 * benchmark scripts stop.
 */
@Command(name = "cardsync-loadgen", mixinStandardHelpOptions = true,
        description = "The benchmarks' client, in its own process: cards on jcardsim driving the packaged backend.")
public final class Main {

    /** The commands, one class each (picocli {@code @Command}s). */
    static final Class<?>[] COMMANDS = {
        SessionsCommand.class,
        SeedCommand.class,
        SearchCommand.class,
        PgbenchCommand.class,
        ReportCommand.class,
    };

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        for (Class<?> command : COMMANDS) {
            line.addSubcommand(command);
        }
        return line;
    }
}
