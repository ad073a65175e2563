package org.cardsync.agent.server;

import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cardsync.agent.config.OriginPolicy;

/**
 * The checks on a WebSocket handshake's request line and headers, before anything else happens on the
 * connection: only a page of an allowed origin, which the user put on the list, gets a WebSocket.
 */
final class HandshakeGuard {

    /** Why a handshake is refused: the HTTP status to answer and a reason for the log (no secret in it). */
    record Refusal(int status, String reason) {
    }

    private static final Set<String> LOOPBACK_HOST_NAMES = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final OriginPolicy originPolicy;

    HandshakeGuard(OriginPolicy originPolicy) {
        this.originPolicy = originPolicy;
    }

    /** The refusal, or null when the handshake may go on (to the peer owner check). */
    Refusal check(ServerWebSocketHandshake handshake) {
        // An absolute-form request line (GET http://127.0.0.1:24511/ HTTP/1.1) is what a proxy gets, never
        // what a browser sends to the agent; it also lets the authority come from the line instead of
        // Host, which would make the Host check below look at the wrong value.
        if (handshake.uri() == null || !handshake.uri().startsWith("/")) {
            return new Refusal(400, "request line not in origin-form (absolute URI or no path)");
        }
        if (!"/".equals(handshake.path())) {
            return new Refusal(404, "path " + handshake.path() + " is not /");
        }
        // A second Host or Origin header would be checked by us on its first value while another reader
        // of the request (a proxy, a later check) could take the other one: refuse the ambiguity.
        List<String> hosts = handshake.headers().getAll("Host");
        if (hosts.size() != 1) {
            return new Refusal(400, hosts.size() + " Host headers (exactly one is allowed)");
        }
        // Defence in depth against DNS rebinding: a page that rebinds its own name to 127.0.0.1 still
        // sends that name in Host (and its own origin, which the next check refuses anyway).
        String host = hostName(hosts.get(0));
        if (!LOOPBACK_HOST_NAMES.contains(host)) {
            return new Refusal(403, "Host " + hosts.get(0) + " is not a loopback name");
        }
        List<String> origins = handshake.headers().getAll("Origin");
        if (origins.size() > 1) {
            return new Refusal(403, origins.size() + " Origin headers (exactly one is allowed)");
        }
        OriginPolicy.Decision decision = originPolicy.check(origins.isEmpty() ? null : origins.get(0));
        if (!decision.allowed()) {
            return new Refusal(403, decision.reason()
                    + " (the user can add an origin with `cardsync-agent allow-origin ORIGIN`)");
        }
        return null;
    }

    /** The host of a Host header value: {@code 127.0.0.1:24511} → {@code 127.0.0.1}, {@code [::1]:1} → {@code [::1]}. */
    private static String hostName(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end < 0 ? v : v.substring(0, end + 1);
        }
        int colon = v.indexOf(':');
        return colon < 0 ? v : v.substring(0, colon);
    }
}
