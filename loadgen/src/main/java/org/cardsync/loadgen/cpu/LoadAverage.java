package org.cardsync.loadgen.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average (proc(5) {@code /proc/loadavg}): a benchmark's figures say how busy the machine was. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** The 1-minute load average now. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
