package org.cardsync.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.cardsync.agent.sim.Personalisation;
import org.cardsync.agent.sim.SimulatedCard;
import picocli.CommandLine.Option;

/** The simulated card: which personalisation file, which applet, how durable. */
final class CardOptions {

    @Option(names = "--card-file", paramLabel = "FILE",
            description = "Personalisation file of the simulated card (cardsync-personalisation/1 JSON, as the"
                    + " backend's issuance writes it). Default: the demo card built into the agent.")
    Path cardFile;

    @Option(names = "--journal-fsync",
            description = "Force every command of the simulated card to disk before answering it (survives"
                    + " an operating system crash, not only an agent crash; slower).")
    boolean fsync;

    @Option(names = "--applet-class", hidden = true, paramLabel = "CLASS",
            description = "Applet class installed when a simulated card is issued (tests).")
    String appletClass = SimulatedCard.DEFAULT_APPLET_CLASS;

    Personalisation personalisation() throws IOException {
        if (cardFile != null) {
            return Personalisation.read(cardFile);
        }
        Personalisation demo = Personalisation.demoCardOrNull();
        if (demo == null) {
            throw new IllegalArgumentException("this agent build has no demo card; pass --card-file FILE");
        }
        return demo;
    }

    SimulatedCard open(DirectoryOptions dirs) throws IOException {
        return SimulatedCard.open(personalisation(), dirs.cards(), appletClass, fsync);
    }
}
