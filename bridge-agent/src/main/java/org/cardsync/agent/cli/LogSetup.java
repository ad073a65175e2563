package org.cardsync.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line java.util.logging output on stderr (and in a log file when asked); -v turns on the agent's debug lines. */
final class LogSetup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LogSetup() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // the user brought a configuration of their own
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(formatter(verbose));
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("org.cardsync").setLevel(verbose ? Level.FINE : Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    /** After {@link #configure}: the same lines in {@code logFile} too. */
    static void alsoTo(Path logFile, boolean verbose) throws IOException {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Handler file = LogFile.open(logFile);
        file.setLevel(Level.ALL);
        file.setFormatter(formatter(verbose));
        Logger.getLogger("").addHandler(file);
    }

    private static Formatter formatter(boolean verbose) {
        return new Formatter() {
            @Override
            public String format(LogRecord r) {
                String name = r.getLoggerName() == null ? "" : r.getLoggerName();
                String shortName = name.substring(name.lastIndexOf('.') + 1);
                String line = LocalTime.now().format(TIME) + " " + r.getLevel().getName() + " " + shortName + ": "
                        + formatMessage(r) + System.lineSeparator();
                if (r.getThrown() != null && verbose) {
                    line += trace(r.getThrown());
                }
                return line;
            }
        };
    }

    private static String trace(Throwable thrown) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == thrown ? "" : "Caused by: ").append(t).append(System.lineSeparator());
            for (StackTraceElement e : t.getStackTrace()) {
                out.append("    at ").append(e).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
