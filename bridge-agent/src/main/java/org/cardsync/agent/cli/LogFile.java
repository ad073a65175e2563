package org.cardsync.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.logging.FileHandler;

/**
 * Where {@code run --log-file} writes when no file is named: the XDG state directory on Linux
 * ({@code $XDG_STATE_HOME/cardsync-agent}, else {@code ~/.local/state/cardsync-agent}), {@code ~/Library/Logs} on
 * macOS, {@code %LOCALAPPDATA%\cardsync-agent\logs} on Windows. An agent started by the desktop session has no
 * terminal, so this file is the only place its log can be read. Bounded: at 4 MiB it starts again, empty.
 */
final class LogFile {

    static final String NAME = "agent.log";
    private static final int LIMIT_BYTES = 4 << 20;

    private LogFile() {
    }

    static Path defaultForCurrentUser() {
        return defaultFor(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }

    static Path defaultFor(Map<String, String> env, String home, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local == null || local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local);
            return base.resolve("cardsync-agent").resolve("logs").resolve(NAME);
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Logs", "cardsync-agent", NAME);
        }
        String state = env.get("XDG_STATE_HOME");
        // XDG: a relative path in this variable is invalid and must be ignored.
        Path base = state == null || state.isBlank() || !Path.of(state).isAbsolute()
                ? Path.of(home, ".local", "state") : Path.of(state);
        return base.resolve("cardsync-agent").resolve(NAME);
    }

    /** A handler appending to {@code file} (created with its directory). */
    static FileHandler open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // One file (count 1), so that it keeps the name the docs give; '%' is FileHandler's pattern escape.
        return new FileHandler(absolute.toString().replace("%", "%%"), LIMIT_BYTES, 1, true);
    }
}
