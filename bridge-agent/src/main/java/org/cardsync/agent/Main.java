package org.cardsync.agent;

import org.cardsync.agent.cli.AgentCommand;
import org.cardsync.agent.cli.SettingsFile;

import picocli.CommandLine;

/** Entry point of the agent's jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setDefaultValueProvider(SettingsFile.forCurrentUser());
    }
}
