package org.cardsync.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command; without a subcommand it runs the agent with its defaults. */
@Command(name = "cardsync-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "The cardsync bridge agent: lets the cardsync web pages that you allow use the smart card"
                    + " readers of this PC, over a WebSocket on 127.0.0.1 and ::1 only.",
            "",
            "Without a command it runs as `run` with the defaults: port 24511, PC/SC readers, pages of"
                    + " http://localhost:8080 and http://127.0.0.1:8080 (or of your allow-list)."},
        subcommands = {
            RunCommand.class,
            AllowOriginCommand.class,
            ListOriginsCommand.class,
            RevokeOriginCommand.class,
            VpcdCardCommand.class,
            ResetCardCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  cardsync-agent                                    run with PC/SC readers",
            "  cardsync-agent run --simulated-card               add a simulated card (the demo card)",
            "  cardsync-agent run --simulated-card --no-pcsc --card-file card.json",
            "  cardsync-agent allow-origin https://portal.bank.example",
            "  cardsync-agent list-origins",
            "  cardsync-agent revoke-origin https://portal.bank.example",
            "  cardsync-agent vpcd-card --port 35963             the simulated card in pcscd's vpcd reader",
            "  cardsync-agent help run                           every option of a command",
            "",
            "Files: the allow-list is allowed-origins.json in the config directory; simulated cards keep"
                    + " their state in the data directory (see --config-dir, --data-dir); agent.properties in"
                    + " ~/.config/cardsync-agent sets run's defaults (port=24600); the installed agent logs to"
                    + " ~/.local/state/cardsync-agent/agent.log.",
            "Protocol and security model: docs/agent-protocol.md."})
public final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // through picocli, so that the user's settings (agent.properties) apply as they do to `run`
        return spec.subcommands().get("run").execute();
    }
}
