package org.cardsync.backend.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.AgentPackages;
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
        Path file = packages.file(fileName).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "This server offers no agent package of that name."));
        // the name is one AgentPackages offers: letters, digits and . _ + ~ - only, safe in this header as it is
        return Response.ok(file.toFile()).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    boolean offered() {
        return jar().isPresent();
    }

    private Optional<Path> jar() {
        return config.agentJar().filter(Files::isRegularFile);
    }
}
