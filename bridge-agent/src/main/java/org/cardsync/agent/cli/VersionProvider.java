package org.cardsync.agent.cli;

import org.cardsync.agent.AgentVersion;
import org.cardsync.agent.wire.Envelope;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {AgentVersion.AGENT + " " + AgentVersion.version() + " (protocol "
                + Envelope.VERSION + ")"};
    }
}
