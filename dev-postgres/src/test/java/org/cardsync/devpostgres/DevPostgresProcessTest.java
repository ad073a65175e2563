package org.cardsync.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as ./scripts/run uses it: its own process, a port file, SIGTERM to stop. */
class DevPostgresProcessTest {
    @TempDir
    Path work;

    @Test
    void launcher_writesItsPortOnceReady_andStopsPostgresOnSigterm() throws Exception {
        Path dataDirectory = work.resolve("postgres");
        Path portFile = work.resolve("postgres.port");
        Path log = work.resolve("launcher.log");
        Process launcher = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DevPostgres.class.getName(),
                "--data-dir", dataDirectory.toString(), "--port-file", portFile.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!Files.exists(portFile)) {
                assertThat(launcher.isAlive()).as(Files.exists(log) ? Files.readString(log) : "no log").isTrue();
                assertThat(Instant.now()).as("port file within 120 s").isBefore(deadline);
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readString(portFile).trim());
            try (Connection c = DurablePostgresTest.connect(port, dataDirectory)) {
                assertThat(c.isValid(5)).isTrue();
            }
            for (Path passwordFile : List.of(DurablePostgres.passwordFile(dataDirectory),
                    DurablePostgres.superuserPasswordFile(dataDirectory))) {
                assertThat(Files.readString(log)).as("the log names no password")
                        .doesNotContain(Files.readString(passwordFile).strip());
            }
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());

            launcher.destroy(); // SIGTERM
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("launcher exits after SIGTERM").isTrue();

            // pg_ctl stop returns when the lock file is gone; the postmaster's own exit follows within moments
            Optional<ProcessHandle> stillRunning = ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive);
            if (stillRunning.isPresent()) {
                stillRunning.get().onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(dataDirectory.resolve("postmaster.pid")).as("a clean shutdown removes the lock file").doesNotExist();
            assertThat(portFile).as("no stale port for the next reader").doesNotExist();
        } finally {
            launcher.destroyForcibly();
        }
    }
}
