package org.cardsync.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * docs/test-vectors.json (packed into the benchmark jar): the messages the benchmarks parse and check are the
 * published ones, so that a benchmark measures exactly what the tests prove correct.
 */
public final class TestVectors {
    /** The published demo master key (ASCII "demo-only-mk-v01") under which every vector is signed. */
    public static final String DEMO_MASTER_KEY = "64656d6f2d6f6e6c792d6d6b2d763031";

    private static final JsonNode ROOT = load();

    private TestVectors() {
    }

    /** The upstream message vector of that name (e.g. "REQUEST PURCHASE 250", "ACK"). */
    public static JsonNode upstream(String name) {
        for (JsonNode v : ROOT.path("upstream")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new IllegalArgumentException("no upstream test vector named " + name);
    }

    private static JsonNode load() {
        try (InputStream in = TestVectors.class.getResourceAsStream("/test-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("test-vectors.json is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
