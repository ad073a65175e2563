package org.cardsync.applet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * docs/test-vectors.json, computed from docs/protocol.md by an independent Python model of the card
 * (scripts/gen-test-vectors.py). Its path comes from the system property {@code cardsync.testVectors},
 * set by the surefire configuration.
 */
final class TestVectors {

    private TestVectors() {
    }

    static JsonNode load() {
        String path = System.getProperty("cardsync.testVectors");
        if (path == null) {
            throw new IllegalStateException("system property cardsync.testVectors is not set (see applet/pom.xml)");
        }
        try {
            return new ObjectMapper().readTree(Path.of(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
