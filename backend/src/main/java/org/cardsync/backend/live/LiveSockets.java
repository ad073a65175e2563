package org.cardsync.backend.live;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * This instance's open notice sockets, and what each is told: a change goes to the owner's portal sockets (a customer
 * hears of their own cards only) and to every console socket (staff see every card); after the listener lost notices,
 * every page is told to reload. Sends without blocking: a slow page cannot hold up the listener.
 */
@ApplicationScoped
public class LiveSockets {
    private static final Logger LOG = Logger.getLogger(LiveSockets.class);
    /**
     * The close code that makes a portal page reopen and reload (RFC 6455 1012, "service restart"): the portal page
     * reloads whatever it shows when its socket reopens (web-ui/src/portal-events.ts), and it ignores notice types
     * it does not know, so closing is how a portal page is told to catch up.
     */
    static final CloseReason RELOAD = new CloseReason(1012, "notices may have been missed: reopen and reload");

    /** A change notice on the wire. */
    public record Changed(String type, long applicationId) {
        Changed(long applicationId) {
            this("changed", applicationId);
        }
    }

    /** Reload everything: notices may have been lost. */
    public record Resync(String type) {
        static final Resync INSTANCE = new Resync("resync");
    }

    private final OpenConnections connections;

    public LiveSockets(OpenConnections connections) {
        this.connections = connections;
    }

    void deliver(ChangeNotice notice) {
        Changed changed = new Changed(notice.applicationId());
        if (notice.owner() != null) {
            connections.findByEndpointId(PortalEventsSocket.ID).stream()
                    .filter(c -> notice.owner().equals(c.userData().get(SocketUser.USER)))
                    .forEach(c -> send(c, changed));
        }
        connections.findByEndpointId(ConsoleEventsSocket.ID).forEach(c -> send(c, changed));
    }

    /** After the listener reconnected: consoles get {"type":"resync"}, portal pages reopen (see {@link #RELOAD}). */
    void resync() {
        connections.findByEndpointId(ConsoleEventsSocket.ID).forEach(c -> send(c, Resync.INSTANCE));
        connections.findByEndpointId(PortalEventsSocket.ID)
                .forEach(c -> done(c.close(RELOAD), "closing a portal socket"));
    }

    private static void send(WebSocketConnection c, Object message) {
        done(c.sendText(message), "sending a notice");
    }

    private static void done(Uni<Void> sending, String what) {
        sending.subscribe().with(sent -> { }, failure -> LOG.debugf("%s failed: %s", what, failure.getMessage()));
    }
}
