package org.cardsync.agent.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system tool and returns what it printed; tests replace it with captured outputs. */
@FunctionalInterface
interface CommandRunner {

    String run(List<String> command) throws IOException;

    /** The real thing: at most 5 s, standard output only, the platform's console charset. */
    CommandRunner SYSTEM = command -> {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = process.getInputStream()) {
            byte[] out = in.readAllBytes();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 5 s");
            }
            return new String(out, Charset.defaultCharset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(command.get(0) + " interrupted", e);
        }
    };
}
