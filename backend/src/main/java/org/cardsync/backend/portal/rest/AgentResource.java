package org.cardsync.backend.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cardsync.backend.portal.AgentPackages;
import org.cardsync.backend.portal.PortalViews.AgentInfo;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bridge agent as a customer meets it: where to get it (its jar, its packages) and how to start it. */
@Path("/api/portal/agent")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserAccount.CUSTOMER)
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class AgentResource {
    /** The port the agent listens on unless told otherwise (bridge-agent's default, docs/agent-protocol.md). */
    static final int DEFAULT_PORT = 24511;

    private final AgentDownloadResource downloads;
    private final AgentPackages packages;
    private final String version;

    public AgentResource(AgentDownloadResource downloads, AgentPackages packages,
                         @ConfigProperty(name = "quarkus.application.version") String version) {
        this.downloads = downloads;
        this.packages = packages;
        this.version = version;
    }

    @GET
    @Operation(summary = "Where to download the bridge agent and how to start it")
    public AgentInfo agent() {
        return new AgentInfo(downloads.offered() ? AgentDownloadResource.DOWNLOAD_PATH : null, version,
                "java -jar cardsync-agent.jar run", DEFAULT_PORT, packages.list());
    }
}
