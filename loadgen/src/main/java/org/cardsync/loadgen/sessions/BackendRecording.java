package org.cardsync.loadgen.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK Flight Recorder profile of the backend over the measured window only (not its start-up, nor the set-up
 * and warm-up), started and stopped with {@code jcmd} on the backend's PID: where the backend's time goes, for the
 * figures of the same run.
 */
final class BackendRecording {
    private static final String NAME = "cardsync-loadgen-window";

    private final long pid;
    private final Path file;

    private BackendRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts the recording (JFR's "profile" settings) in the backend. */
    static BackendRecording start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        return new BackendRecording(pid, file);
    }

    /** Stops it and writes it to the file. */
    void stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
        System.out.println("sessions: JFR profile of the backend over the measured window in " + file);
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || out.contains("Could not") || out.contains("Exception")) {
            throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out);
        }
    }
}
