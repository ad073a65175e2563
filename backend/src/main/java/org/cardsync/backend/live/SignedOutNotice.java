package org.cardsync.backend.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * "Close the sockets of this user" as it travels between backend instances on {@link ChangeNotice#CHANNEL}: JSON
 * {@code {"signedOut":"U"}}. Shares the channel with change notices, so it is ordered with them and rides on the same
 * listener; a change notice never has a {@code signedOut} field, and this has no {@code applicationId}.
 */
public record SignedOutNotice(String signedOut) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String payload() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of one string always serialises", e);
        }
    }

    /** Reads a payload; empty for anything else (change notices, or stray payloads of other database sessions). */
    static Optional<SignedOutNotice> parse(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode user = node == null ? null : node.get("signedOut");
            return user == null || !user.isTextual() ? Optional.empty() : Optional.of(new SignedOutNotice(user.asText()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
