package org.cardsync.backend.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A page's notice socket in tests: what it received, in order. */
final class LiveSocketClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final WebSocketClientConnection connection;
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

    private LiveSocketClient(URI base, String path, String user, String origin) {
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path(path)
                .onTextMessage((c, m) -> messages.add(m));
        if (user != null) {
            connector.addHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)));
        }
        connector.addHeader("Origin", origin);
        this.connection = connector.connectAndAwait();
    }

    static LiveSocketClient console(URI base, String user) {
        return new LiveSocketClient(base, "/api/console/events", user, origin(base));
    }

    static LiveSocketClient console(URI base, String user, String origin) {
        return new LiveSocketClient(base, "/api/console/events", user, origin);
    }

    static LiveSocketClient portal(URI base, String user) {
        return new LiveSocketClient(base, "/api/portal/events", user, origin(base));
    }

    static String origin(URI base) {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    /** The next message for which {@code wanted} holds, skipping others; null if none comes within {@code millis}. */
    JsonNode next(java.util.function.Predicate<JsonNode> wanted, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (String m; (m = messages.poll(Math.max(1, deadline - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS)) != null; ) {
            JsonNode message = JSON.readTree(m);
            if (wanted.test(message)) {
                return message;
            }
        }
        return null;
    }

    /** The next "changed" notice about this application; null if none comes in time. */
    JsonNode changed(long applicationId, long millis) throws Exception {
        return next(m -> m.path("type").asText().equals("changed") && m.path("applicationId").asLong() == applicationId,
                millis);
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.closeAndAwait();
        }
    }
}
