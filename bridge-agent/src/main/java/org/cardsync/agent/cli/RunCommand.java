package org.cardsync.agent.cli;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cardsync.agent.config.AllowListWatcher;
import org.cardsync.agent.config.OriginPolicy;
import org.cardsync.agent.config.OriginStore;
import org.cardsync.agent.config.WebOrigin;
import org.cardsync.agent.reader.PcscReaderSource;
import org.cardsync.agent.reader.ReaderSource;
import org.cardsync.agent.server.AgentOptions;
import org.cardsync.agent.server.AgentVerticle;
import org.cardsync.agent.sim.SimulatedCard;
import org.cardsync.agent.sim.SimulatedReaderSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the agent until stopped (Ctrl-C).",
            "Pages of allowed origins can then list readers, watch cards come and go, and exchange APDUs"
                    + " with a card, one page per reader at a time."},
        footer = {"", "Examples:",
            "  cardsync-agent run",
            "  cardsync-agent run --port 24600",
            "  cardsync-agent run --simulated-card --no-pcsc",
            "  cardsync-agent run --simulated-card --card-file ~/Downloads/card-0011223344556677.json",
            "  cardsync-agent run --allow-origin http://localhost:5173   (this run only)"})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "TCP port on 127.0.0.1 and ::1 (default: ${DEFAULT-VALUE}; the web UI looks here).")
    int port = AgentOptions.DEFAULT_PORT;

    @Option(names = "--simulated-card",
            description = "Add the reader \"cardsync Simulated Reader\" holding a simulated card (the cardsync"
                    + " applet on jcardsim) whose state persists between runs; pages can pull it out and put it"
                    + " back (sim-remove, sim-insert), and so can you by typing remove / insert.")
    boolean simulatedCard;

    @Option(names = "--no-pcsc", description = "Do not use the PC/SC readers of this PC.")
    boolean noPcsc;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Also allow this origin, for this run only (scheme://host[:port]). Repeatable. Without"
                    + " an allow-list file, the default origins are then NOT allowed: only the ones named.")
    List<String> extraOrigins = new ArrayList<>();

    @Option(names = "--debug-apdu",
            description = "Log APDU bodies (card data, MACs) at debug level; use only to diagnose, with -v.")
    boolean debugApdu;

    @Option(names = "--command-timeout", paramLabel = "SECONDS",
            description = "How long the reader may take for one command before the page gets READER_TIMEOUT and the"
                    + " card is let go (default: ${DEFAULT-VALUE}).")
    int commandTimeoutSeconds = (int) AgentOptions.DEFAULT_COMMAND_TIMEOUT.toSeconds();

    @Option(names = {"-v", "--verbose"}, description = "Debug logging.")
    boolean verbose;

    @Option(names = "--log-file", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Also write the log to FILE; without FILE to the per-user log file"
                    + " ($XDG_STATE_HOME/cardsync-agent/agent.log, else ~/.local/state/cardsync-agent/agent.log)."
                    + " The installed agent's autostart does this.")
    String logFile;

    @Option(names = "--pcsc-poll-ms", hidden = true, description = "How often PC/SC readers and cards are polled.")
    long pcscPollMillis = 250;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Mixin
    CardOptions card = new CardOptions();

    @Override
    public Integer call() throws Exception {
        LogSetup.configure(verbose);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (logFile != null) {
                LogSetup.alsoTo(logFile.isEmpty() ? LogFile.defaultForCurrentUser() : Path.of(logFile), verbose);
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            err.println("--log-file: cannot write the log there: " + e.getMessage());
            return 2;
        }
        Set<WebOrigin> extras = new LinkedHashSet<>();
        try {
            for (String o : extraOrigins) {
                extras.add(WebOrigin.parse(o));
            }
        } catch (IllegalArgumentException e) {
            err.println("--allow-origin: " + e.getMessage());
            return 2;
        }
        OriginStore store = new OriginStore(dirs.config());
        OriginPolicy policy;
        try {
            policy = new OriginPolicy(store.effective(extras));
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }

        if (commandTimeoutSeconds < 1) {
            err.println("--command-timeout: at least 1 second");
            return 2;
        }
        List<ReaderSource> sources = new ArrayList<>();
        SimulatedReaderSource simulated = null;
        if (simulatedCard) {
            try {
                SimulatedCard sim = card.open(dirs);
                simulated = new SimulatedReaderSource(sim);
                sources.add(simulated);
                out.println("Simulated card " + sim.cardId() + " (state: " + sim.journalFile() + ")");
            } catch (IOException | RuntimeException e) {
                err.println("cannot start the simulated card: " + e.getMessage());
                return 1;
            }
        }
        if (!noPcsc) {
            sources.add(new PcscReaderSource(pcscPollMillis));
        }

        Vertx vertx = Vertx.vertx();
        AgentVerticle agent = new AgentVerticle(
                new AgentOptions(port, AgentOptions.LOOPBACK, debugApdu, AgentOptions.DEFAULT_MAX_BATCH,
                        java.time.Duration.ofSeconds(commandTimeoutSeconds)),
                policy, sources, simulated);
        try {
            vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            err.println(e.getCause().getMessage());
            vertx.close();
            return 1;
        }
        out.println("cardsync agent listening on ws://127.0.0.1:" + agent.actualPort() + "/ and ws://[::1]:"
                + agent.actualPort() + "/");
        out.println("Allowed origins: " + policy.allowed());
        out.flush();
        // The user edits the allow-list with allow-origin / revoke-origin while the agent runs.
        AllowListWatcher.start(vertx, AllowListWatcher.DEFAULT_INTERVAL_MILLIS, store, policy, extras);
        if (simulated != null) {
            SimulatedReaderSource sim = simulated;
            ConsoleControls.startIfInteractive(new ConsoleControls.Card() {
                @Override
                public void insert() {
                    sim.insert();
                }

                @Override
                public void remove() throws IOException {
                    sim.remove();
                }

                @Override
                public String status() {
                    return sim.list().get(0).cardPresent() ? "card inserted" : "card removed";
                }
            }, out);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "shutdown was not clean", e);
            }
            stopped.countDown();
        }, "cardsync-shutdown"));
        stopped.await();
        return 0;
    }
}
