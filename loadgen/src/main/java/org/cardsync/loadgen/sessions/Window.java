package org.cardsync.loadgen.sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One window of sessions: every terminal on a thread of its own, starting together, each starting sessions until
 * the deadline and finishing the one it is in. Its length is the real one, from the start to the last terminal's
 * end, so that the sessions counted and the CPU sampled around {@link #run} cover the same time.
 */
final class Window {
    private static final int MESSAGES_KEPT = 5;

    /** The window's outcome: merged latencies, real length, and the failures (a terminal stops at its first). */
    record Outcome(Latencies latencies, long nanos, long errors, List<String> errorMessages) {
    }

    private Window() {
    }

    static Outcome run(List<Terminal> terminals, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        return run(terminals, (terminal, latencies) -> terminal.runUntil(deadline, latencies));
    }

    /** Each terminal runs {@code sessions} sessions (set-up: a history before the window). */
    static Outcome runSessions(List<Terminal> terminals, int sessions) throws InterruptedException {
        return run(terminals, (terminal, latencies) -> terminal.runSessions(sessions, latencies));
    }

    private static Outcome run(List<Terminal> terminals, BiConsumer<Terminal, Latencies> work)
            throws InterruptedException {
        List<Latencies> perTerminal = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < terminals.size(); i++) {
            Terminal terminal = terminals.get(i);
            Latencies latencies = new Latencies();
            perTerminal.add(latencies);
            Thread thread = new Thread(() -> {
                try {
                    work.accept(terminal, latencies);
                } catch (Throwable e) {
                    // an Error too (an AssertionError out of the applet, an OOM): a terminal lost is a failed session
                    failures.add(e instanceof SessionFailure ? e.getMessage() : e.toString());
                }
            }, "terminal-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        Latencies merged = new Latencies();
        perTerminal.forEach(merged::add);
        return new Outcome(merged, nanos, failures.size(),
                List.copyOf(failures.subList(0, Math.min(MESSAGES_KEPT, failures.size()))));
    }
}
