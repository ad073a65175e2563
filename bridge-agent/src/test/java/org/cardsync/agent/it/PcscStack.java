package org.cardsync.agent.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * pcscd with vsmartcard-vpcd for the integration tests: reuses a running pcscd, or starts one as a child
 * process and stops it (by its own handle) afterwards. Fails, never skips, when the packages are missing.
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

    private static FileChannel lockChannel;
    private static FileLock lock;

    private final Process ours;

    private PcscStack(Process ours) {
        this.ours = ours;
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

    public static PcscStack ensureRunning() throws IOException, InterruptedException {
        Path pcscd = findPcscd().orElseThrow(() -> new AssertionError(
                "pcscd is not installed: the PC/SC integration test needs it. Install with"
                        + " `apt-get install pcscd vsmartcard-vpcd` (scripts/test does this)."));
        if (!Files.exists(VPCD_DRIVER)) {
            throw new AssertionError("vsmartcard-vpcd is not installed (" + VPCD_DRIVER + " missing). Install with"
                    + " `apt-get install pcscd vsmartcard-vpcd` (scripts/test does this).");
        }
        if (pcscdRunning()) {
            PcscStack foreign = new PcscStack(null);
            foreign.requireVpcdReader();
            return foreign;
        }
        PcscStack ours = start(pcscd);
        if (!ours.vpcdReaderListed()) {
            // seen once in CI: a fresh pcscd without vpcd's reader; a second start has always brought it
            ours.stop();
            ours = start(pcscd);
            ours.requireVpcdReader();
        }
        return ours;
    }

    /** Starts pcscd in the foreground and waits for its socket. */
    private static PcscStack start(Path pcscd) throws IOException, InterruptedException {
        // A socket left behind by a pcscd that died makes a new one refuse to start.
        Files.deleteIfExists(COMM);
        Process process = new ProcessBuilder(pcscd.toString(), "--foreground")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 200 && !Files.exists(COMM); i++) {
            if (!process.isAlive()) {
                throw new AssertionError("pcscd exited at once (code " + process.exitValue() + "); is this root?"
                        + " pcscd needs to create " + COMM);
            }
            Thread.sleep(100);
        }
        if (!Files.exists(COMM)) {
            process.destroyForcibly();
            throw new AssertionError("pcscd did not create " + COMM + " within 20 s");
        }
        return new PcscStack(process);
    }

    /**
     * Whether pcscd lists vpcd's reader within 10 s (it does once it has loaded /etc/reader.conf.d/vpcd). Only a
     * reader list obtained without error and lacking the reader counts as "not listed": a PC/SC error here
     * (the JDK caches one context per JVM) says nothing about pcscd, and the agent re-establishes its own.
     */
    private boolean vpcdReaderListed() throws InterruptedException {
        boolean listedWithoutIt = false;
        for (int i = 0; i < 100; i++) {
            java.util.Optional<java.util.List<String>> names = readerNames();
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
                    + "does not list the reader \"" + VPCD_READER + "\" after 10 s; readers: " + readerNames().orElse(java.util.List.of())
                    + ". Is vsmartcard-vpcd installed and its /etc/reader.conf.d/vpcd loaded? Restart pcscd.");
        }
    }

    /** The readers pcscd lists now, or empty if PC/SC answered with an error. */
    private static java.util.Optional<java.util.List<String>> readerNames() {
        try {
            javax.smartcardio.TerminalFactory factory = javax.smartcardio.TerminalFactory.getInstance("PC/SC", null);
            return java.util.Optional.of(factory.terminals().list().stream()
                    .map(javax.smartcardio.CardTerminal::getName).toList());
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Waits until pcscd reports {@code reader} empty. vpcd notices a departed card host only when pcscd
     * next polls it; a new card host connecting before that would look like the same card never left.
     */
    public static void awaitCardAbsent(String reader) throws Exception {
        javax.smartcardio.CardTerminals terminals = javax.smartcardio.TerminalFactory.getInstance("PC/SC", null)
                .terminals();
        for (int i = 0; i < 200; i++) {
            javax.smartcardio.CardTerminal terminal = terminals.getTerminal(reader);
            if (terminal == null || !terminal.isCardPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pcscd still reports a card in " + reader + " 10 s after its host left");
    }

    /** Whether this test run started pcscd (and so may restart it). */
    public boolean ownsPcscd() {
        return ours != null;
    }

    /** Stops our pcscd and starts a new one, as a system update or a crash would. */
    PcscStack restart() throws IOException, InterruptedException {
        if (ours == null) {
            throw new IllegalStateException("not our pcscd");
        }
        stop();
        return ensureRunning();
    }

    public void stop() throws InterruptedException {
        if (ours != null && ours.isAlive()) {
            ours.destroy();
            if (!ours.waitFor(10, TimeUnit.SECONDS)) {
                ours.destroyForcibly();
                ours.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean pcscdRunning() {
        return Files.exists(COMM) && ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().command().map(c -> c.endsWith("/pcscd")).orElse(false));
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
