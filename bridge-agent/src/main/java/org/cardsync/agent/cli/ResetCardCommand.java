package org.cardsync.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cardsync.agent.sim.SimulatedCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reset-card", mixinStandardHelpOptions = true,
        description = {"Throw the simulated card's state away: its next start issues it afresh from its"
                + " personalisation file (counters, purse and parameters back to their issued values).",
            "The backend still remembers the old card: it will see counters go backwards."},
        footer = {"", "Example:", "  cardsync-agent reset-card --yes"})
final class ResetCardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--yes", description = "Really delete the state.")
    boolean yes;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Mixin
    CardOptions card = new CardOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path file = SimulatedCard.journalFile(dirs.cards(), card.personalisation().cardId());
        if (!Files.exists(file)) {
            out.println("no state to reset: " + file + " does not exist");
            return 0;
        }
        if (!yes) {
            spec.commandLine().getErr().println("this deletes " + file + "; run again with --yes");
            return 2;
        }
        Files.delete(file);
        out.println("deleted " + file);
        return 0;
    }
}
