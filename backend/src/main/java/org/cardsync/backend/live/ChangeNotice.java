package org.cardsync.backend.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.cardsync.backend.card.ApplicationChanged;

/**
 * A change notice as it travels between backend instances: the payload of a NOTIFY on {@link #CHANNEL}, JSON
 * {@code {"applicationId":N,"owner":"alice"|null}}. The owner rides along so that the receiving instance can pick the
 * owner's portal sockets without a database read; null means no portal page is told (only the console).
 */
public record ChangeNotice(long applicationId, String owner) {
    /** The PostgreSQL channel every instance NOTIFYs and LISTENs on. */
    public static final String CHANNEL = "cardsync_changed";

    private static final ObjectMapper JSON = new ObjectMapper();

    static ChangeNotice of(ApplicationChanged change) {
        return new ChangeNotice(change.applicationId(), change.owner());
    }

    /** The NOTIFY payload. */
    String payload() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of a number and a string always serialises", e);
        }
    }

    /**
     * Reads a payload; empty for anything that is not a notice (any session of the database user can NOTIFY on the
     * channel, so a stray payload must not break the listener).
     */
    static Optional<ChangeNotice> parse(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode id = node == null ? null : node.get("applicationId");
            if (id == null || !id.canConvertToLong()) {
                return Optional.empty();
            }
            JsonNode owner = node.get("owner");
            return Optional.of(new ChangeNotice(id.asLong(), owner == null || owner.isNull() ? null : owner.asText()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
