package org.cardsync.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the agent keeps the user's settings (the origin allow-list) and data (the simulated card): the
 * XDG base directories on Linux, their usual counterparts on Windows and macOS.
 */
public record AgentDirectories(Path config, Path data) {

    static final String APP = "cardsync-agent";

    public static AgentDirectories forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }

    static AgentDirectories resolve(Map<String, String> env, String home, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = pathOr(env.get("APPDATA"), Path.of(home, "AppData", "Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), Path.of(home, "AppData", "Local"));
            return new AgentDirectories(roaming.resolve(APP), local.resolve(APP));
        }
        if (os.startsWith("mac")) {
            Path support = Path.of(home, "Library", "Application Support", APP);
            return new AgentDirectories(support, support);
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), Path.of(home, ".config"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), Path.of(home, ".local", "share"));
        return new AgentDirectories(config.resolve(APP), data.resolve(APP));
    }

    private static Path pathOr(String value, Path fallback) {
        // XDG: a relative path in these variables is invalid and must be ignored.
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
