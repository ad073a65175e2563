package org.cardsync.backend.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bridge agent's jar, offered when {@code cardsync.portal.agent-jar} names one (scripts/run does). */
@jakarta.ws.rs.Path(AgentDownloadResource.DOWNLOAD_PATH)
@ApplicationScoped
@PermitAll
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class AgentDownloadResource {
    static final String DOWNLOAD_PATH = "/downloads/cardsync-agent.jar";

    private final CardsyncConfig.Portal config;

    public AgentDownloadResource(CardsyncConfig.Portal config) {
        this.config = config;
    }

    @GET
    @jakarta.ws.rs.Produces("application/java-archive")
    @Operation(summary = "The bridge agent's jar, when this server offers it")
    public Response download() {
        Path jar = jar().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "This server offers no agent download."));
        return Response.ok(jar.toFile()).header("Content-Disposition", "attachment; filename=\"cardsync-agent.jar\"")
                .build();
    }

    boolean offered() {
        return jar().isPresent();
    }

    private Optional<Path> jar() {
        return config.agentJar().filter(Files::isRegularFile);
    }
}
