package org.cardsync.loadgen.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far, in clock ticks, read from a proc file system (proc(5)): of one process, or of a whole
 * process tree's first level such as a PostgreSQL cluster (the postmaster and every server process it forked).
 * Differences of two readings give the CPU a window cost.
 */
public final class CpuClock {
    private final Path proc;

    /** @param proc the proc file system's root: {@code /proc}, or a copy of its layout in a test */
    public CpuClock(Path proc) {
        this.proc = proc;
    }

    public static CpuClock system() {
        return new CpuClock(Path.of("/proc"));
    }

    /** The process's own user + system ticks (all its threads). */
    public long processTicks(long pid) {
        return stat(pid).orElseThrow(() -> new IllegalStateException("no process " + pid)).ownTicks();
    }

    /** The user + system ticks of the process's children that have exited and been waited for. */
    public long reapedChildrenTicks(long pid) {
        return stat(pid).orElseThrow(() -> new IllegalStateException("no process " + pid)).reapedChildrenTicks();
    }

    /**
     * A cluster's ticks: the root's own, every live child's own, and those of the children the root has already
     * reaped (its cutime + cstime). A PostgreSQL server process that ends inside a window (a client disconnecting)
     * thus moves from the second term to the third without being lost; the postmaster reaps its children at once.
     */
    public long clusterTicks(long rootPid) {
        ProcStat root = stat(rootPid).orElseThrow(() -> new IllegalStateException("no process " + rootPid));
        return root.ownTicks() + root.reapedChildrenTicks()
                + children(rootPid).stream().mapToLong(ProcStat::ownTicks).sum();
    }

    /**
     * The live children of a process. A child in the middle of exiting may be missed (its stat unreadable for an
     * instant, its time not yet in the parent's cutime): read {@link #clusterTicks} when the cluster is settled,
     * e.g. after its clients' server processes have been reaped (see {@code pgbench}).
     */
    public List<ProcStat> children(long parentPid) {
        List<ProcStat> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    stat(Long.parseLong(name)).filter(p -> p.parentPid() == parentPid).ifPresent(children::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return children;
    }

    /**
     * Waits, at most {@code timeout}, until the process has at most {@code count} live (or unreaped) children: after
     * clients disconnect, until their server processes' CPU time is in the postmaster's cutime.
     */
    public void awaitChildrenAtMost(long parentPid, int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (children(parentPid).size() > count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The clock ticks per second of proc's times ({@code getconf CLK_TCK}; USER_HZ, 100 on Linux). */
    public static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (getconf.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + out);
            }
            return Long.parseLong(out.trim());
        } catch (IOException e) {
            throw new UncheckedIOException("getconf CLK_TCK: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException e) {
            // NoSuchFileException, or ESRCH from a process exiting during the read: it ended, it has no time left
            return Optional.empty();
        }
    }
}
