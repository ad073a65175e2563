package org.cardsync.agent.cli;

import java.nio.file.Path;
import org.cardsync.agent.config.AgentDirectories;
import picocli.CommandLine.Option;

/** --config-dir and --data-dir, shared by the commands that touch the user's files. */
final class DirectoryOptions {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Where the origin allow-list lives (default: $XDG_CONFIG_HOME/cardsync-agent,"
                    + " else ~/.config/cardsync-agent).")
    Path configDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the simulated card keeps its state (default: $XDG_DATA_HOME/cardsync-agent,"
                    + " else ~/.local/share/cardsync-agent).")
    Path dataDir;

    Path config() {
        return configDir != null ? configDir : AgentDirectories.forCurrentUser().config();
    }

    Path data() {
        return dataDir != null ? dataDir : AgentDirectories.forCurrentUser().data();
    }

    /** The simulated cards' journals. */
    Path cards() {
        return data().resolve("cards");
    }
}
