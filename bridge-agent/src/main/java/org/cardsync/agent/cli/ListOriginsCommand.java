package org.cardsync.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.cardsync.agent.config.OriginStore;
import org.cardsync.agent.config.WebOrigin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list-origins", mixinStandardHelpOptions = true,
        description = "Show the origins whose pages may use the agent.")
final class ListOriginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirectoryOptions dirs = new DirectoryOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OriginStore store = new OriginStore(dirs.config());
        for (WebOrigin o : store.load()) {
            out.println(o);
        }
        out.println(Files.exists(store.file()) ? "(from " + store.file() + ")"
                : "(defaults: no " + store.file() + " yet)");
        return 0;
    }
}
