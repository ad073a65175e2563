package org.cardsync.backend.portal.ws;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.cardsync.backend.security.UserAccount;
import org.cardsync.backend.security.session.SessionStore;

/**
 * The portal's live notices: a signed-in customer's page opens this socket and is told when one of their card
 * applications changed ({@code {"type":"changed","applicationId":N}}), then reloads it. The upgrade needs the
 * customer role (the same sign-in as the REST API) and the backend's own Origin ({@link SameOriginUpgradeCheck}).
 * Nothing is read from the socket.
 */
@WebSocket(path = "/api/portal/events", endpointId = PortalEventsSocket.ID)
@RolesAllowed(UserAccount.CUSTOMER)
public class PortalEventsSocket {
    static final String ID = "portal-events";
    /** The customer a connection belongs to: notices go only to the owner's sockets. */
    static final UserData.TypedKey<String> CUSTOMER = UserData.TypedKey.forString("customer");
    /** The browser session the socket was opened with (none for HTTP Basic): the socket ends with it. */
    static final UserData.TypedKey<String> SESSION = UserData.TypedKey.forString("session");

    @Inject
    SecurityIdentity identity;

    @OnOpen
    void open(WebSocketConnection connection) {
        connection.userData().put(CUSTOMER, identity.getPrincipal().getName());
        String session = identity.getAttribute(SessionStore.SESSION_ATTRIBUTE);
        if (session != null) {
            connection.userData().put(SESSION, session);
        }
    }
}
