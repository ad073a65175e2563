package org.cardsync.agent.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * pcscd with vsmartcard-vpcd for the integration tests. {@link #ensureRunning} reuses a pcscd that serves
 * this machine already, or starts one; {@link #startOwn} always starts one of its own, for a test that
 * kills and restarts it. A pcscd this class started runs in the foreground as a child process and is
 * stopped by its PID: by {@link #stop}, or by a shutdown hook when the JVM ends first. A JVM killed outright
 * leaves it running; its PID, recorded in {@link #PID_FILE}, lets the next run stop it. Fails, never skips,
 * when the packages are missing.
 */
public final class PcscStack {

    public static final Path COMM = Path.of("/run/pcscd/pcscd.comm");
    public static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    /** vpcd's second reader in Debian's /etc/reader.conf.d/vpcd; the first (35963) is left to demos. */
    public static final int VPCD_PORT = 35964;
    public static final String VPCD_READER = "Virtual PCD 00 01";

    /**
     * pcscd and vpcd's ports are one per machine, not per checkout: concurrent builds (other engineers, a
     * CI run in a clone) take turns through this lock, held from pcscd's start to its stop.
     */
    public static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "cardsync-pcsc-integration.lock");

    /**
     * The PID of the pcscd this class last started, written and read under the machine lock: a pcscd it
     * names is a leftover of our own tests (whose JVM was killed) once the lock is ours.
     */
    public static final Path PID_FILE = Path.of(System.getProperty("java.io.tmpdir"), "cardsync-pcsc-integration.pid");

    private static FileChannel lockChannel;
    private static FileLock lock;

    private final Process ours;
    /** Stops {@link #ours} if the JVM ends before {@link #stop}; null for a pcscd we did not start. */
    private final Thread stopOnExit;

    private PcscStack(Process ours, Thread stopOnExit) {
        this.ours = ours;
        this.stopOnExit = stopOnExit;
    }

    /** Waits for the machine-wide PC/SC test lock (blocking while another build's test holds it). */
    public static synchronized void acquireMachineLock() throws IOException {
        if (lock == null) {
            lockChannel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.lock();
        }
    }

    public static synchronized void releaseMachineLock() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }

    /** The pcscd that serves this machine, started here unless one already does. */
    public static PcscStack ensureRunning() throws IOException, InterruptedException {
        Path pcscd = requireInstalled();
        stopLeftover(PID_FILE);
        if (servingPcscd().isPresent()) {
            PcscStack foreign = new PcscStack(null, null);
            foreign.requireVpcdReader();
            return foreign;
        }
        return startChecked(pcscd);
    }

    /**
     * A pcscd of this test run's own. Refuses, loudly, when another pcscd serves this machine: a test that
     * kills pcscd may only kill one it started, and a test that says it restarts pcscd must restart it.
     * A pcscd left over from our own tests (named by {@link #PID_FILE}) is stopped first.
     */
    public static PcscStack startOwn() throws IOException, InterruptedException {
        Path pcscd = requireInstalled();
        stopLeftover(PID_FILE);
        Optional<String> other = servingPcscd();
        if (other.isPresent()) {
            throw new AssertionError(other.get() + " already serves this machine, and this test restarts pcscd:"
                    + " it must start the pcscd it kills and will not kill another one. Stop that pcscd (with"
                    + " systemd: `systemctl stop pcscd.socket pcscd`; otherwise kill its PID; a pcscd of this"
                    + " project's tests would have been stopped by its PID in " + PID_FILE + ") and run the test"
                    + " again.");
        }
        return startChecked(pcscd);
    }

    /** Starts pcscd and checks that it lists vpcd's reader. */
    private static PcscStack startChecked(Path pcscd) throws IOException, InterruptedException {
        PcscStack ours = start(pcscd);
        if (!ours.vpcdReaderListed()) {
            // seen once in CI: a fresh pcscd without vpcd's reader; a second start has always brought it
            ours.stop();
            ours = start(pcscd);
            ours.requireVpcdReader();
        }
        return ours;
    }

    private static Path requireInstalled() {
        Path pcscd = findPcscd().orElseThrow(() -> new AssertionError(
                "pcscd is not installed: the PC/SC integration test needs it. Install with"
                        + " `apt-get install pcscd vsmartcard-vpcd` (scripts/test does this)."));
        if (!Files.exists(VPCD_DRIVER)) {
            throw new AssertionError("vsmartcard-vpcd is not installed (" + VPCD_DRIVER + " missing). Install with"
                    + " `apt-get install pcscd vsmartcard-vpcd` (scripts/test does this).");
        }
        return pcscd;
    }

    /**
     * Stops the pcscd that {@code pidFile} names, if that PID is a live pcscd, and forgets the file. Call
     * under the machine lock: then no test of ours runs that pcscd, so it outlived the JVM that started it.
     * A PID reused by another program since is left alone.
     */
    static void stopLeftover(Path pidFile) throws IOException, InterruptedException {
        Optional<ProcessHandle> leftover = recordedPcscd(pidFile);
        Files.deleteIfExists(pidFile);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle pcscd = leftover.get();
        pcscd.destroy();
        if (!exited(pcscd)) {
            pcscd.destroyForcibly();
            if (!exited(pcscd)) {
                throw new AssertionError("pcscd (pid " + pcscd.pid() + ") left over from an earlier test run"
                        + " still runs 10 s after SIGKILL");
            }
        }
    }

    private static Optional<ProcessHandle> recordedPcscd(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isPcscd(p.pid()));
    }

    /** Whether the process's command line starts with a program named pcscd. */
    private static boolean isPcscd(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            int end = cmdline.indexOf('\0');
            Path program = Path.of(end < 0 ? cmdline : cmdline.substring(0, end)).getFileName();
            return program != null && program.toString().equals("pcscd");
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or a program name that is no path
        }
    }

    private static boolean exited(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** Starts pcscd in the foreground and waits for its socket. */
    private static PcscStack start(Path pcscd) throws IOException, InterruptedException {
        // A socket left behind by a pcscd that died makes a new one refuse to start (nobody serves it: the
        // callers checked).
        Files.deleteIfExists(COMM);
        Process process = new ProcessBuilder(pcscd.toString(), "--foreground")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread stopOnExit = new Thread(process::destroy, "stop pcscd " + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Files.writeString(PID_FILE, Long.toString(process.pid()));
        PcscStack stack = new PcscStack(process, stopOnExit);
        for (int i = 0; i < 200 && !Files.exists(COMM); i++) {
            if (!process.isAlive()) {
                stack.forget();
                throw new AssertionError("pcscd exited at once (code " + process.exitValue() + "); is this root?"
                        + " pcscd needs to create " + COMM);
            }
            Thread.sleep(100);
        }
        if (!Files.exists(COMM)) {
            stack.stop();
            throw new AssertionError("pcscd did not create " + COMM + " within 20 s");
        }
        return stack;
    }

    /**
     * Whether pcscd lists vpcd's reader within 10 s (it does once it has loaded /etc/reader.conf.d/vpcd). Only a
     * reader list obtained without error and lacking the reader counts as "not listed": a PC/SC error here
     * (the JDK caches one context per JVM) says nothing about pcscd, and the agent re-establishes its own.
     */
    private boolean vpcdReaderListed() throws InterruptedException {
        boolean listedWithoutIt = false;
        for (int i = 0; i < 100; i++) {
            Optional<List<String>> names = readerNames();
            if (names.isEmpty() || names.get().contains(VPCD_READER)) {
                if (names.isPresent()) {
                    return true;
                }
            } else {
                listedWithoutIt = true;
            }
            Thread.sleep(100);
        }
        return !listedWithoutIt;
    }

    private void requireVpcdReader() throws InterruptedException {
        if (!vpcdReaderListed()) {
            throw new AssertionError("pcscd " + (ours == null ? "(already running, not started by this test) " : "")
                    + "does not list the reader \"" + VPCD_READER + "\" after 10 s; readers: " + readerNames().orElse(List.of())
                    + ". Is vsmartcard-vpcd installed and its /etc/reader.conf.d/vpcd loaded? Restart pcscd.");
        }
    }

    /** The readers pcscd lists now, or empty if PC/SC answered with an error. */
    private static Optional<List<String>> readerNames() {
        try {
            TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
            return Optional.of(factory.terminals().list().stream().map(CardTerminal::getName).toList());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until pcscd reports {@code reader} empty. vpcd notices a departed card host only when pcscd
     * next polls it; a new card host connecting before that would look like the same card never left.
     */
    public static void awaitCardAbsent(String reader) throws Exception {
        CardTerminals terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
        for (int i = 0; i < 200; i++) {
            CardTerminal terminal = terminals.getTerminal(reader);
            if (terminal == null || !terminal.isCardPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pcscd still reports a card in " + reader + " 10 s after its host left");
    }

    /** The PID of the pcscd this stack started. */
    public long pid() {
        return requireOurs().pid();
    }

    /**
     * Kills our pcscd by its PID (SIGKILL, as a crash would: no goodbye to its clients), waits until it is
     * gone, and starts a new one. Waits only for the new one's socket: asking it for its readers here
     * would go through the JVM's one PC/SC context, which only the agent under test may re-establish.
     *
     * @return the stack of the new pcscd
     */
    public PcscStack killAndStartAgain() throws IOException, InterruptedException {
        Process process = requireOurs();
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("pcscd (pid " + process.pid() + ") still runs 10 s after SIGKILL");
        }
        forget();
        return start(requireInstalled());
    }

    private Process requireOurs() {
        if (ours == null) {
            throw new IllegalStateException("this pcscd was not started by this test run");
        }
        return ours;
    }

    public void stop() throws InterruptedException, IOException {
        if (ours == null) {
            return;
        }
        if (ours.isAlive()) {
            ours.destroy();
            if (!ours.waitFor(10, TimeUnit.SECONDS)) {
                ours.destroyForcibly();
                ours.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (!ours.isAlive()) {
            forget();
        }
    }

    /** Our pcscd is gone: no shutdown hook and no PID file for it any more. */
    private void forget() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds the process gone
        }
        String recorded = Files.exists(PID_FILE) ? Files.readString(PID_FILE).trim() : "";
        if (recorded.equals(Long.toString(ours.pid()))) {
            Files.delete(PID_FILE);
        }
    }

    /**
     * What serves PC/SC on this machine, if anything: a pcscd process, or something that accepts connections
     * on pcscd's socket (systemd's pcscd.socket, which starts pcscd on the first client).
     */
    private static Optional<String> servingPcscd() {
        Optional<ProcessHandle> process = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/pcscd")).orElse(false))
                .findFirst();
        if (process.isPresent()) {
            return Optional.of("pcscd (pid " + process.get().pid() + ")");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(COMM));
            return Optional.of("a listener on " + COMM + " (systemd's pcscd.socket?)");
        } catch (IOException e) {
            return Optional.empty(); // no socket, or one left behind by a pcscd that died
        }
    }

    private static Optional<Path> findPcscd() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pcscd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
