package org.cardsync.cardsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** docs/test-vectors.json, at the path the surefire configuration puts in {@code cardsync.testVectors}. */
final class TestVectors {

    private TestVectors() {
    }

    static JsonNode load() {
        String path = System.getProperty("cardsync.testVectors");
        if (path == null) {
            throw new IllegalStateException("system property cardsync.testVectors is not set (see card-sim/pom.xml)");
        }
        try {
            return new ObjectMapper().readTree(Path.of(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> scenarioSteps() {
        List<JsonNode> steps = new ArrayList<>();
        load().get("cardScenario").get("steps").forEach(steps::add);
        return steps;
    }
}
