package org.cardsync.backend.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.cardsync.backend.security.UserAccount;

/**
 * The helpdesk console's live notices: a staff page opens this socket and is told of every change to any card
 * application ({@code {"type":"changed","applicationId":N}}), including refused messages and new alerts, and
 * {@code {"type":"resync"}} when notices may have been lost ({@link LiveSockets}). The upgrade needs a staff role
 * (a customer's is refused: they would learn of other customers' cards) and the backend's own Origin
 * ({@link SameOriginUpgradeCheck}); the socket closes at sign-out ({@link SignedOutSockets}). Nothing is read from it.
 */
@WebSocket(path = "/api/console/events", endpointId = ConsoleEventsSocket.ID)
@RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
public class ConsoleEventsSocket {
    static final String ID = "console-events";

    @Inject
    SecurityIdentity identity;

    @OnOpen
    void open(WebSocketConnection connection) {
        SocketUser.remember(connection, identity);
    }
}
