package org.cardsync.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cardsync.agent.config.AllowListWatcher;
import org.cardsync.agent.config.OriginStore;
import org.cardsync.agent.config.WebOrigin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke-origin", mixinStandardHelpOptions = true,
        description = "Stop allowing the pages of ORIGIN (the default origins too, if you name them).",
        footer = {"", "Example:", "  cardsync-agent revoke-origin https://portal.bank.example"})
final class RevokeOriginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ORIGIN", description = "scheme://host[:port]")
    String origin;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WebOrigin parsed;
        try {
            parsed = WebOrigin.parse(origin);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("not an origin: " + e.getMessage());
            return 2;
        }
        OriginStore store = new OriginStore(dirs.config());
        if (store.revoke(parsed)) {
            out.println("revoked " + parsed + "  (" + store.file() + "); a running agent closes the pages"
                    + " of that origin within " + AllowListWatcher.DEFAULT_INTERVAL_MILLIS / 1000 + " s");
            return 0;
        }
        out.println(parsed + " was not allowed");
        return 1;
    }
}
