package org.cardsync.backend.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import org.cardsync.backend.security.session.SessionStore;

/** Who opened a notice socket, kept on the connection when it opens. */
final class SocketUser {
    /** The user a connection belongs to: portal notices go only to the owner's sockets. */
    static final UserData.TypedKey<String> USER = UserData.TypedKey.forString("user");
    /** The browser session the socket was opened with (none for HTTP Basic): the socket ends with it. */
    static final UserData.TypedKey<String> SESSION = UserData.TypedKey.forString("session");

    private SocketUser() {
    }

    static void remember(WebSocketConnection connection, SecurityIdentity identity) {
        connection.userData().put(USER, identity.getPrincipal().getName());
        String session = identity.getAttribute(SessionStore.SESSION_ATTRIBUTE);
        if (session != null) {
            connection.userData().put(SESSION, session);
        }
    }
}
