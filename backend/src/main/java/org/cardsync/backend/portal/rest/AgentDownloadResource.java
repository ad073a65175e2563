package org.cardsync.backend.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.PortalViews.AgentInfo;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bridge agent as a customer meets it: where to get it and how to start it. */
@jakarta.ws.rs.Path("/")
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class AgentDownloadResource {
    static final String DOWNLOAD_PATH = "/downloads/cardsync-agent.jar";
    /** The port the agent listens on unless told otherwise (bridge-agent's default, docs/agent-protocol.md). */
    static final int DEFAULT_PORT = 24511;

    private final CardsyncConfig.Portal config;
    private final String version;

    public AgentDownloadResource(CardsyncConfig.Portal config,
                                 @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.version = version;
    }

    @GET
    @jakarta.ws.rs.Path("api/portal/agent")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserAccount.CUSTOMER)
    @Operation(summary = "Where to download the bridge agent and how to start it")
    public AgentInfo agent() {
        return new AgentInfo(jar().isPresent() ? DOWNLOAD_PATH : null, version, "java -jar cardsync-agent.jar run",
                DEFAULT_PORT);
    }

    @GET
    @jakarta.ws.rs.Path("downloads/cardsync-agent.jar")
    @Produces("application/java-archive")
    @PermitAll
    @Operation(summary = "The bridge agent's jar, when this server offers it (cardsync.portal.agent-jar)")
    public Response download() {
        Path jar = jar().orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "This server offers no agent download."));
        return Response.ok(jar.toFile()).header("Content-Disposition", "attachment; filename=\"cardsync-agent.jar\"")
                .build();
    }

    private Optional<Path> jar() {
        return config.agentJar().filter(Files::isRegularFile);
    }
}
