package org.cardsync.agent.server;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system tool and returns what it printed; tests replace it with captured outputs. */
@FunctionalInterface
interface CommandRunner {

    String run(List<String> command) throws IOException;

    /**
     * The real thing: at most 5 s, standard output only, the platform's console charset. The output goes to a
     * temporary file, not a pipe: reading a pipe to its end before waiting would block for as long as the tool
     * (or a child it left behind) keeps it open, and the 5 s bound would never apply.
     */
    CommandRunner SYSTEM = command -> {
        Path out = Files.createTempFile("cardsync-agent-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(command.get(0) + " did not finish in 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException(command.get(0) + " interrupted", e);
            }
            return Files.readString(out, Charset.defaultCharset());
        } finally {
            Files.deleteIfExists(out);
        }
    };
}
