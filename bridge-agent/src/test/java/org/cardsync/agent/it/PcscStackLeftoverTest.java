package org.cardsync.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pcscd left running by a test JVM that was killed is stopped by the PID it recorded, and nothing else
 * is. The "pcscd" here is {@code sleep} started under the name pcscd (its command line says pcscd, its
 * executable is still sleep), so that no other build's check for a running pcscd sees it.
 */
class PcscStackLeftoverTest {

    @TempDir
    Path dir;

    @Test
    void pidFileNamingALivePcscd_stopsThatProcessAndForgetsTheFile() throws Exception {
        Process leftover = new ProcessBuilder("bash", "-c", "exec -a pcscd sleep 300").start();
        try {
            awaitCommandLine(leftover, "pcscd");
            Path pidFile = Files.writeString(dir.resolve("pcscd.pid"), Long.toString(leftover.pid()));

            PcscStack.stopLeftover(pidFile);

            assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).as("leftover pcscd stopped").isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void pidFileNamingAProcessThatIsNoPcscd_leavesItRunning() throws Exception {
        // the PID of a pcscd that exited long ago, reused by another program since
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            awaitCommandLine(other, "sleep");
            Path pidFile = Files.writeString(dir.resolve("pcscd.pid"), Long.toString(other.pid()));

            PcscStack.stopLeftover(pidFile);

            assertThat(other.isAlive()).as("the other program still runs").isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void pidFileNamingNoLiveProcess_isForgotten() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = Files.writeString(dir.resolve("pcscd.pid"), Long.toString(gone.pid()));

        PcscStack.stopLeftover(pidFile);

        assertThat(pidFile).doesNotExist();
    }

    /** Waits until the process's command line starts with {@code program} (bash's exec has happened). */
    private static void awaitCommandLine(Process process, String program) throws Exception {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        for (int i = 0; i < 100; i++) {
            if (Files.readString(cmdline).startsWith(program + "\0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + process.pid() + " never ran " + program);
    }
}
