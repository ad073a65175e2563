package org.cardsync.backend.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.cardsync.backend.security.UserAccount;

/**
 * The portal's live notices: a signed-in customer's page opens this socket and is told when one of their card
 * applications changed ({@code {"type":"changed","applicationId":N}}), then reloads it ({@link LiveSockets}). The
 * upgrade needs the customer role (the same sign-in as the REST API) and the backend's own Origin
 * ({@link SameOriginUpgradeCheck}). Nothing is read from the socket.
 */
@WebSocket(path = "/api/portal/events", endpointId = PortalEventsSocket.ID)
@RolesAllowed(UserAccount.CUSTOMER)
public class PortalEventsSocket {
    static final String ID = "portal-events";

    @Inject
    SecurityIdentity identity;

    @OnOpen
    void open(WebSocketConnection connection) {
        SocketUser.remember(connection, identity);
    }
}
