package org.cardsync.backend.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's IP address, for throttling. Behind a reverse proxy it is the proxy's unless Quarkus is told to trust
 * the proxy's X-Forwarded-For (quarkus.http.proxy.*, docs/api.md): only then does Vert.x report the forwarded one,
 * so a client cannot pick its own address by sending the header.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
