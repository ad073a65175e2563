package org.cardsync.backend.live;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.cardsync.backend.security.session.SessionEnded;
import org.jboss.logging.Logger;

/**
 * Closes the portal and console sockets of a session that was signed out (on this JVM), and of a user whose sessions
 * were all ended (on every instance, through {@link SignedOutNotice}): the upgrade checked the
 * session once, so without this a socket opened before sign-out would go on telling whoever uses that browser next
 * (a shared computer) about the customer's cards, or about every card for a staff session.
 */
@ApplicationScoped
public class SignedOutSockets {
    private static final Logger LOG = Logger.getLogger(SignedOutSockets.class);

    private final OpenConnections connections;

    public SignedOutSockets(OpenConnections connections) {
        this.connections = connections;
    }

    void onSignedOut(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded ended) {
        connections.stream()
                .filter(c -> ended.sessionId().equals(c.userData().get(SocketUser.SESSION)))
                .forEach(SignedOutSockets::close);
    }

    /**
     * Closes every socket of {@code username} on this instance, whatever it was opened with (a session or HTTP
     * Basic): a disabled staff member, or one whose password was reset because it leaked, must stop hearing of
     * every card at once. Called for a {@link SignedOutNotice}, which every instance hears.
     */
    void closeSocketsOf(String username) {
        connections.stream().filter(c -> username.equals(c.userData().get(SocketUser.USER)))
                .forEach(SignedOutSockets::close);
    }

    private static void close(WebSocketConnection c) {
        c.close().subscribe().with(closed -> { },
                failure -> LOG.debugf("socket of a signed-out user not closed: %s", failure.getMessage()));
    }
}
