package org.cardsync.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's name and version (from the build), as {@code hello} and {@code --version} report them. */
public final class AgentVersion {

    public static final String AGENT = "cardsync-bridge-agent";

    private static final String VERSION = readVersion();

    private AgentVersion() {
    }

    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = AgentVersion.class.getResourceAsStream("/org/cardsync/agent/agent.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
