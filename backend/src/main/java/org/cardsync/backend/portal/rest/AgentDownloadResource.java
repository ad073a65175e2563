package org.cardsync.backend.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.AgentPackages;
import org.cardsync.backend.portal.AgentPackages.AgentPackage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The bridge agent's downloads: its jar when {@code cardsync.portal.agent-jar} names one, and its installable
 * packages from {@code cardsync.portal.agent-packages} (scripts/run sets both).
 */
@jakarta.ws.rs.Path("/downloads")
@ApplicationScoped
@PermitAll
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class AgentDownloadResource {
    static final String DOWNLOAD_PATH = "/downloads/cardsync-agent.jar";

    private final CardsyncConfig.Portal config;
    private final AgentPackages packages;

    public AgentDownloadResource(CardsyncConfig.Portal config, AgentPackages packages) {
        this.config = config;
        this.packages = packages;
    }

    @GET
    @jakarta.ws.rs.Path("cardsync-agent.jar")
    @Produces("application/java-archive")
    @Operation(summary = "The bridge agent's jar, when this server offers it")
    public Response download() {
        Path jar = jar().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "This server offers no agent download."));
        return Response.ok(jar.toFile()).header("Content-Disposition", "attachment; filename=\"cardsync-agent.jar\"")
                .build();
    }

    @GET
    @jakarta.ws.rs.Path("agent/{fileName}")
    @Produces("application/octet-stream")
    @Operation(summary = "One of the bridge agent's installable packages that GET /api/portal/agent lists")
    public Response downloadPackage(@PathParam("fileName") String fileName) {
        AgentPackage offered = packages.offered(fileName).orElseThrow(AgentDownloadResource::noSuchPackage);
        SeekableByteChannel content = packages.open(offered).orElseThrow(AgentDownloadResource::noSuchPackage);
        long size;
        try {
            size = content.size(); // of the file opened, whatever the path names by now
        } catch (IOException e) {
            closeQuietly(content);
            throw noSuchPackage();
        }
        // the bytes of the one file opened with O_NOFOLLOW (AgentPackages.open), never the path reopened
        StreamingOutput body = out -> {
            try (InputStream in = Channels.newInputStream(content)) {
                in.transferTo(out);
            }
        };
        // the name is one AgentPackages offers: letters, digits and . _ + ~ - only, safe in this header as it is
        return Response.ok(body).header("Content-Length", size)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    private static ApiException noSuchPackage() {
        return new ApiException(ErrorCode.NOT_FOUND, "This server offers no agent package of that name.");
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was read from it; the download is refused either way
        }
    }

    boolean offered() {
        return jar().isPresent();
    }

    private Optional<Path> jar() {
        return config.agentJar().filter(Files::isRegularFile);
    }
}
