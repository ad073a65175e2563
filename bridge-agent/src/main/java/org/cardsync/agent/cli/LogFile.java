package org.cardsync.agent.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * A handler appending to {@code file}, created owner-only (0600) with any missing directory (0700). The log
     * names origins, readers and cards, and with {@code --debug-apdu} holds APDU bodies (MACs, PIN data): other
     * accounts of the PC must not read it, as they may not read the card journal.
     */
    static FileHandler open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        restrictToOwner(absolute);
        // One file (count 1), so that it keeps the name the docs give; '%' is FileHandler's pattern escape.
        return new FileHandler(absolute.toString().replace("%", "%%"), LIMIT_BYTES, 1, true);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Windows: %LOCALAPPDATA% is readable by its owner (and administrators) only.
            Files.createDirectories(file.getParent());
            return;
        }
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // A log written by an older agent with the umask's mode (0644) is tightened too.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
