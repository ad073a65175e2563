package org.cardsync.loadgen.sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<Latencies> perTerminal = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < terminals.size(); i++) {
            Terminal terminal = terminals.get(i);
            Latencies latencies = new Latencies();
            perTerminal.add(latencies);
            Thread thread = new Thread(() -> {
                try {
                    terminal.runUntil(deadline, latencies);
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
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
