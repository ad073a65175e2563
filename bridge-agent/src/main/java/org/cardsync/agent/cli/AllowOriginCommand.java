package org.cardsync.agent.cli;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cardsync.agent.config.OriginStore;
import org.cardsync.agent.config.WebOrigin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "allow-origin", mixinStandardHelpOptions = true,
        description = {"Allow the pages of ORIGIN to use your card readers through the agent.",
            "Only do this for your card issuer's portal. A running agent picks the change up within seconds."},
        footer = {"", "Examples:",
            "  cardsync-agent allow-origin https://portal.bank.example",
            "  cardsync-agent allow-origin http://localhost:5173"})
final class AllowOriginCommand implements Callable<Integer> {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ORIGIN", description = "scheme://host[:port], exactly as the browser's address bar"
            + " shows it, without a path: https://portal.bank.example")
    String origin;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WebOrigin parsed;
        try {
            parsed = WebOrigin.parse(origin);
        } catch (IllegalArgumentException e) {
            err.println("not an origin: " + e.getMessage() + " (expected scheme://host[:port], e.g."
                    + " https://portal.bank.example)");
            return 2;
        }
        OriginStore store = new OriginStore(dirs.config());
        boolean added = store.allow(parsed);
        out.println((added ? "allowed " : "already allowed: ") + parsed + "  (" + store.file() + ")");
        if ("http".equals(parsed.scheme()) && !LOCAL_HOSTS.contains(parsed.host())) {
            err.println("warning: " + parsed + " is plain http on another machine: anyone on the network path can"
                    + " serve pages as that origin. Prefer its https origin.");
        }
        return 0;
    }
}
