package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packages' directory as seen between the listing and the download (docs/security.md "The agent package"). */
class AgentPackagesTest {

    @TempDir
    Path root;

    @Test
    void aPackageSwappedForALinkAfterItWasListed_isNotOpened() throws IOException {
        Path packages = Files.createDirectory(root.resolve("jpackage"));
        Path deb = Files.writeString(packages.resolve("cardsync-agent_0.1.0-1_amd64.deb"), "a deb's bytes");
        Path secret = Files.writeString(root.resolve("secret"), "not for download");
        AgentPackages agentPackages = new AgentPackages(Optional.of(packages));
        AgentPackages.AgentPackage listed = agentPackages.offered(deb.getFileName().toString()).orElseThrow();

        // the attack: someone who can write the packages directory swaps the checked file for a link
        Files.delete(deb);
        Files.createSymbolicLink(deb, secret);

        Optional<SeekableByteChannel> opened = agentPackages.open(listed);
        try {
            assertThat(opened).as("the link that replaced the listed package").isEmpty();
        } finally {
            if (opened.isPresent()) {
                opened.get().close();
            }
        }
    }

    @Test
    void aListedPackage_opensWithItsBytes() throws IOException {
        Path packages = Files.createDirectory(root.resolve("jpackage"));
        Files.writeString(packages.resolve("cardsync-agent-0.1.0.msi"), "an msi's bytes");
        AgentPackages agentPackages = new AgentPackages(Optional.of(packages));
        AgentPackages.AgentPackage listed = agentPackages.offered("cardsync-agent-0.1.0.msi").orElseThrow();
        try (SeekableByteChannel channel = agentPackages.open(listed).orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII))
                    .isEqualTo("an msi's bytes");
            assertThat(channel.size()).isEqualTo(listed.size());
        }
    }
}
