package org.cardsync.agent.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import org.cardsync.agent.config.AgentDirectories;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The user's settings: {@code agent.properties} in the config directory gives the defaults of {@code run}'s
 * options, by their long name without dashes ({@code port=24600}, {@code log-file=/path}). The installed
 * agent starts with a fixed command line (the autostart entry, the systemd unit), so this file is where a user
 * changes what it does. An option given on the command line still wins.
 */
public final class SettingsFile implements IDefaultValueProvider {

    public static final String NAME = "agent.properties";

    private final Path file;
    private Properties settings;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public static SettingsFile forCurrentUser() {
        return new SettingsFile(AgentDirectories.forCurrentUser().config().resolve(NAME));
    }

    @Override
    public String defaultValue(ArgSpec arg) throws IOException {
        if (!(arg instanceof OptionSpec option) || !"run".equals(arg.command().name())) {
            return null;
        }
        return settings().getProperty(option.longestName().replaceFirst("^-+", ""));
    }

    private Properties settings() throws IOException {
        if (settings == null) {
            Properties loaded = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                loaded.load(in);
            } catch (NoSuchFileException e) {
                // no settings: the built-in defaults
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot read the settings in " + file + ": " + e.getMessage(), e);
            }
            settings = loaded;
        }
        return settings;
    }
}
