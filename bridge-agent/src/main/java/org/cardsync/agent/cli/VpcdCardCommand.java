package org.cardsync.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cardsync.agent.sim.SimulatedCard;
import org.cardsync.agent.sim.VpcdCardHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "vpcd-card", mixinStandardHelpOptions = true,
        description = {"Put the simulated card into a virtual reader of pcscd (vsmartcard-vpcd), so that every"
                + " PC/SC program, the agent included, sees it as a real card.",
            "Needs pcscd and vsmartcard-vpcd (Debian: apt-get install pcscd vsmartcard-vpcd). Type remove /"
                    + " insert to move the card."},
        footer = {"", "Examples:",
            "  cardsync-agent vpcd-card                          reader \"Virtual PCD 00 00\"",
            "  cardsync-agent vpcd-card --port 35964 --card-file card.json   reader \"Virtual PCD 00 01\""})
final class VpcdCardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT",
            description = "vpcd's port for the reader (default: ${DEFAULT-VALUE}, its first reader).")
    int port = VpcdCardHost.DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "HOST", description = "Where vpcd listens (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--debug-apdu", description = "Log APDU bodies at debug level (with -v).")
    boolean debugApdu;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging.")
    boolean verbose;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Mixin
    CardOptions card = new CardOptions();

    @Override
    public Integer call() throws Exception {
        LogSetup.configure(verbose);
        PrintWriter out = spec.commandLine().getOut();
        SimulatedCard sim;
        try {
            sim = card.open(dirs);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("cannot start the simulated card: " + e.getMessage());
            return 1;
        }
        VpcdCardHost host = new VpcdCardHost(sim, this.host, port, debugApdu);
        host.start();
        out.println("Simulated card " + sim.cardId() + " for vpcd at " + this.host + ":" + port + " (state: "
                + sim.journalFile() + ")");
        out.flush();
        ConsoleControls.startIfInteractive(new ConsoleControls.Card() {
            @Override
            public void insert() {
                host.insert();
            }

            @Override
            public void remove() {
                host.remove();
            }

            @Override
            public String status() {
                return host.isConnected() ? "card in the vpcd reader" : "card not in the vpcd reader";
            }
        }, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            try {
                sim.close();
            } catch (IOException e) {
                // exiting anyway; the journal is append-only and needs no closing to be valid
            }
            stopped.countDown();
        }, "cardsync-shutdown"));
        stopped.await();
        return 0;
    }
}
