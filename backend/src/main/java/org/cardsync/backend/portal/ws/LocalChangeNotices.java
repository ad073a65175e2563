package org.cardsync.backend.portal.ws;

import io.quarkus.websockets.next.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import org.cardsync.backend.card.ApplicationChanged;
import org.jboss.logging.Logger;

/** {@link ChangeNotices} for one backend instance: the owner's sockets open on this JVM. */
@ApplicationScoped
public class LocalChangeNotices implements ChangeNotices {
    private static final Logger LOG = Logger.getLogger(LocalChangeNotices.class);

    /** The notice on the wire. */
    public record Notice(String type, long applicationId) {
    }

    private final OpenConnections connections;

    public LocalChangeNotices(OpenConnections connections) {
        this.connections = connections;
    }

    @Override
    public void publish(ApplicationChanged change) {
        Notice notice = new Notice("changed", change.applicationId());
        connections.findByEndpointId(PortalEventsSocket.ID).stream()
                .filter(c -> change.owner().equals(c.userData().get(PortalEventsSocket.CUSTOMER)))
                .forEach(c -> c.sendText(notice).subscribe().with(
                        sent -> { },
                        failure -> LOG.debugf("notice for application %d not delivered: %s", change.applicationId(),
                                failure.getMessage())));
    }
}
