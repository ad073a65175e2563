package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent as a user gets it (docs/agent.md): the .deb the build made is installed with dpkg, the agent is started
 * the way the desktop session does it (the Exec line of the installed XDG autostart entry; CI has no systemd), with
 * a settings file giving it a free port, answers {@code hello} to an allowed page, and {@code dpkg --purge} stops it
 * and leaves none of the package's files. Needs root or password-less sudo (it installs a package); one checkout at
 * a time on a machine ({@code flock /tmp/cardsync-deb.lock}, the lock other tools installing this package take).
 */
class AgentPackageTest {

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path PACKAGES = Path.of(System.getProperty("e2e.agentPackages", "../bridge-agent/target/jpackage"));
    private static final String PACKAGE = "cardsync-agent";
    private static final Path AUTOSTART = Path.of("/etc/xdg/autostart/cardsync-agent.desktop");
    private static final Path USER_UNIT = Path.of("/usr/lib/systemd/user/cardsync-agent.service");
    private static final Path COMMAND = Path.of("/usr/bin/cardsync-agent");
    private static final String ORIGIN = "https://portal.bank.example";

    @Test
    void theDebInstallsStartsFromItsAutostartEntryAnswersAndPurgesWithoutTrace() throws Exception {
        Path deb = builtDeb();
        Path logs = OUTPUT.resolve("e2e-logs");
        Files.createDirectories(logs);
        try (DebLock lock = DebLock.take()) {
            purgeIfInstalled(logs);
            ManagedProcess agent = null;
            Process decoy = null;
            try {
                asRoot(logs, "dpkg-install", "dpkg", "-i", deb.toString());
                List<Path> installed = packageFiles(logs);
                assertThat(installed).as("files of the installed package").isNotEmpty().allMatch(Files::exists);
                assertThat(USER_UNIT).as("the systemd user unit").isRegularFile();
                assertThat(COMMAND).as("the command on the PATH").exists();
                assertThat(restartsAfterSigkill(Files.readString(USER_UNIT)))
                        .as("systemd restarts the unit's agent after prerm's SIGKILL").isFalse();
                // the files outside /opt are dpkg's (dpkg -S knows them, it removes them), none a script's secret
                for (Path systemFile : List.of(AUTOSTART, USER_UNIT, COMMAND)) {
                    assertThat(run(logs, "dpkg-search", List.of("dpkg", "-S", systemFile.toString())))
                            .as("dpkg -S " + systemFile).startsWith(PACKAGE + ": ");
                }
                // an administrator who deletes the autostart entry (a conffile) keeps it deleted over an upgrade
                List<String> exec = execLine(Files.readString(AUTOSTART));
                asRoot(logs, "rm-autostart", "rm", AUTOSTART.toString());
                asRoot(logs, "dpkg-upgrade", "dpkg", "-i", deb.toString());
                assertThat(AUTOSTART).as("the autostart entry the administrator deleted, after an upgrade")
                        .doesNotExist();
                // and gets it back the way docs/agent.md says (then the purge below must remove it)
                asRoot(logs, "dpkg-confmiss", "dpkg", "-i", "--force-confmiss", deb.toString());
                assertThat(execLine(Files.readString(AUTOSTART))).as("the restored autostart entry").isEqualTo(exec);

                Path home = Files.createTempDirectory(Files.createDirectories(OUTPUT.resolve("agent-home")), "deb-");
                Map<String, String> session = new HashMap<>(Map.of("HOME", home.toString(),
                        "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                        "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                        "XDG_STATE_HOME", home.resolve(".local/state").toString()));
                int port = FreePort.find();
                assertThat(port).isNotEqualTo(24511);
                Path settings = home.resolve(".config/cardsync-agent/agent.properties");
                Files.createDirectories(settings.getParent());
                Files.writeString(settings, "port=" + port + "\n");
                ManagedProcess allow = ManagedProcess.start("deb allow-origin", List.of(COMMAND.toString(),
                        "allow-origin", ORIGIN), session, home, logs.resolve("deb-allow-origin.log"));
                assertThat(allow.awaitExit(Duration.ofSeconds(60))).as(allow.tail()).isZero();

                agent = ManagedProcess.start("deb agent", exec, session, home, logs.resolve("deb-agent.log"));
                BridgeAgent.awaitListening(agent, port);
                try (AgentControl control = AgentControl.open("ws://127.0.0.1:" + port, ORIGIN)) {
                    JsonNode hello = control.call("hello", null);
                    assertThat(hello.path("agent").asText()).isEqualTo("cardsync-bridge-agent");
                    assertThat(hello.path("origin").asText()).isEqualTo(ORIGIN);
                }
                Path logFile = home.resolve(".local/state/cardsync-agent/agent.log");
                assertThat(logFile).as("the log file docs/agent.md names").content().contains("listening");

                // a process that is not the agent but whose command line names it, as `pgrep -f cardsync-agent` or
                // a `pkill` would match: prerm must not kill it (it matches the launcher's executable only)
                decoy = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 600", COMMAND + " run --log-file")
                        .redirectErrorStream(true).redirectOutput(logs.resolve("deb-decoy.log").toFile()).start();
                assertThat(Files.readString(Path.of("/proc", String.valueOf(decoy.pid()), "cmdline")))
                        .as("the decoy's command line").contains(COMMAND.toString());

                asRoot(logs, "dpkg-purge", "dpkg", "--purge", PACKAGE);
                long pid = agent.pid();
                // prerm stops the package's running agents before their files go: ours must have ended by its
                // SIGTERM (the JVM's 143), not by the SIGKILL that follows 10 s later, nor be running still
                assertThat(agent.awaitExit(Duration.ofSeconds(5))).as("the agent's exit status after dpkg --purge")
                        .isEqualTo(143);
                assertThat(Path.of("/proc", String.valueOf(pid), "exe")).as("the agent's process").doesNotExist();
                assertThat(decoy.isAlive()).as("an unrelated process whose command line names cardsync-agent")
                        .isTrue();
                List<Path> left = new ArrayList<>(installed.stream().filter(Files::exists).toList());
                Stream.of(AUTOSTART, USER_UNIT, COMMAND).filter(p -> Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .forEach(left::add);
                assertThat(left).as("package files left after dpkg --purge").isEmpty();
                assertThat(installedVersion(logs)).as("dpkg's status of " + PACKAGE).isEmpty();
                System.out.println("SECURITY agent-package: " + deb.getFileName() + " installed (" + installed.size()
                        + " files), agent started by its autostart entry answered hello on port " + port
                        + ", dpkg --purge stopped its PID " + pid + " (exit 143) and spared a process named after it, "
                        + left.size() + " package files left");
            } finally {
                if (agent != null) {
                    agent.close();
                }
                if (decoy != null) {
                    decoy.destroyForcibly();
                }
                purgeIfInstalled(logs);
            }
        }
    }

    private static Path builtDeb() throws IOException {
        if (!Files.isDirectory(PACKAGES)) {
            throw new IllegalStateException("no agent packages in " + PACKAGES + ": build them first (./mvnw -pl"
                    + " bridge-agent -am package -DskipTests; on Linux the .deb needs dpkg-deb and fakeroot)");
        }
        try (Stream<Path> files = Files.list(PACKAGES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow(
                    () -> new IllegalStateException("no .deb in " + PACKAGES + ": the agent's build makes it where"
                            + " /usr/bin/fakeroot is (Debian package fakeroot; ./scripts/test installs it)"));
        }
    }

    /** The Exec key of a desktop entry as a command (the Desktop Entry Specification: no field codes used here). */
    static List<String> execLine(String desktopEntry) {
        String exec = desktopEntry.lines().filter(l -> l.startsWith("Exec=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Exec line in the autostart entry:\n" + desktopEntry))
                .substring("Exec=".length()).trim();
        assertThat(exec).as("the autostart Exec line").doesNotContain("\"", "%");
        List<String> command = List.of(exec.split("\\s+"));
        assertThat(Path.of(command.get(0))).as("the program the autostart entry starts").isAbsolute().isExecutable();
        return command;
    }

    /**
     * Whether systemd would start the unit's service again after its process was killed by SIGKILL, by the rules of
     * systemd.service(5): {@code Restart=} on-failure, on-abnormal, on-abort and always restart after an unclean
     * signal; a signal in {@code SuccessExitStatus=} is clean (on-success then restarts, on-failure not); a signal in
     * {@code RestartPreventExitStatus=} never restarts.
     */
    static boolean restartsAfterSigkill(String unit) {
        String restart = unitValue(unit, "Restart").orElse("no");
        if (signals(unit, "RestartPreventExitStatus")) {
            return false;
        }
        boolean clean = signals(unit, "SuccessExitStatus");
        return switch (restart) {
            case "always" -> true;
            case "on-success" -> clean;
            case "on-failure", "on-abnormal", "on-abort" -> !clean;
            default -> false;
        };
    }

    private static boolean signals(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).flatMap(l -> Stream.of(l.substring(key.length() + 1)
                .trim().split("\\s+"))).anyMatch(v -> v.equals("SIGKILL") || v.equals("KILL"));
    }

    private static java.util.Optional<String> unitValue(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).reduce((a, b) -> b)
                .map(l -> l.substring(key.length() + 1).trim());
    }

    private static List<Path> packageFiles(Path logs) throws Exception {
        String listed = run(logs, "dpkg-listfiles", List.of("dpkg", "-L", PACKAGE));
        return listed.lines().filter(l -> l.startsWith("/opt/" + PACKAGE)).map(Path::of).toList();
    }

    private static String installedVersion(Path logs) throws Exception {
        ProcessResult r = exec(logs, "dpkg-query", List.of("dpkg-query", "-W", "-f=${db:Status-Status} ${Version}",
                PACKAGE));
        // not known to dpkg at all, or known but "not-installed"/"config-files" after a remove
        return r.exit != 0 || !r.out.startsWith("installed") ? "" : r.out;
    }

    private static void purgeIfInstalled(Path logs) throws Exception {
        ProcessResult r = exec(logs, "dpkg-query", List.of("dpkg-query", "-W", PACKAGE));
        if (r.exit == 0) {
            asRoot(logs, "dpkg-purge-leftover", "dpkg", "--purge", PACKAGE);
        }
    }

    private static void asRoot(Path logs, String name, String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (!isRoot()) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        run(logs, name, full);
    }

    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    private record ProcessResult(int exit, String out) {
    }

    private static String run(Path logs, String name, List<String> command) throws Exception {
        ProcessResult r = exec(logs, name, command);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + r.exit + (isRoot() ? ""
                    : " (this test installs a package: run it as root or with password-less sudo)") + ":\n" + r.out);
        }
        return r.out;
    }

    private static ProcessResult exec(Path logs, String name, List<String> command) throws Exception {
        Path log = logs.resolve("deb-" + name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new ProcessResult(p.exitValue(), Files.readString(log));
    }

    /**
     * The machine-wide lock the .deb's users share, taken the way {@code flock /tmp/cardsync-deb.lock} takes it (a
     * flock(2) lock, which Java's FileLock, an fcntl lock, would not exclude): a flock process that holds it while
     * its {@code cat} reads our pipe, and lets go when we close it (or when this JVM dies).
     */
    private static final class DebLock implements AutoCloseable {

        private final Process holder;

        private DebLock(Process holder) {
            this.holder = holder;
        }

        static DebLock take() throws IOException {
            Process holder = new ProcessBuilder("flock", "/tmp/cardsync-deb.lock", "-c", "echo locked; exec cat")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"locked".equals(line)) {
                holder.destroyForcibly();
                throw new IllegalStateException("cannot take /tmp/cardsync-deb.lock: " + line);
            }
            return new DebLock(holder);
        }

        @Override
        public void close() throws Exception {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }
}
