package org.cardsync.agent.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version (from the build) and the protocol version it speaks. */
public final class AgentVersion {

    /** The only protocol version of this agent; checked on every message. */
    public static final int PROTOCOL = 1;

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
