package org.cardsync.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cardsync.agent.sim.CardJournal;
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
        // Take the journal's lock first: deleting the file under a running agent or vpcd-card would leave it
        // writing to a deleted file, and let a second copy of the same card start beside it.
        try (CardJournal journal = CardJournal.open(file, false)) {
            Files.delete(file);
        } catch (CardJournal.JournalCorruptedException e) {
            // damaged, so nothing can be using it (opening it failed after the lock was had): reset is the remedy
            Files.delete(file);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reset the card: " + e.getMessage()
                    + "; stop the agent or vpcd-card using it first");
            return 1;
        }
        out.println("deleted " + file);
        return 0;
    }
}
