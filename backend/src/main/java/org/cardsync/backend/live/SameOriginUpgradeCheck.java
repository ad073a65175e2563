package org.cardsync.backend.live;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses the upgrade of the portal's and the console's WebSockets unless its Origin is the backend's own (the
 * host and port the request was sent to). Browsers do not apply the same-origin policy to WebSockets and send the
 * session cookie along: without this check a page on any other site, or on another port of the same host, could
 * open the socket with the user's session and read their notices (cross-site WebSocket hijacking). A request without
 * an Origin is refused too: the page always sends one.
 */
@ApplicationScoped
public class SameOriginUpgradeCheck implements HttpUpgradeCheck {

    @Override
    public boolean appliesTo(String endpointId) {
        return PortalEventsSocket.ID.equals(endpointId) || ConsoleEventsSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        String host = context.httpRequest().getHeader("Host");
        return sameOrigin(origin, host) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    /** Whether an Origin header names the authority (host[:port]) of the Host header; http(s) only. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            return uri.getRawAuthority().equalsIgnoreCase(host.trim());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
