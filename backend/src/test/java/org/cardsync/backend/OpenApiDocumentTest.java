package org.cardsync.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json is the backend's API contract for the web UI, which generates its TypeScript types from it
 * (web-ui/src/generated/cardsync-api.ts, docs/web-ui.md). This test holds that file to what the running
 * backend serves at {@code /q/openapi} (to admins), so a change to a resource or a record that the file does not show fails
 * here, and the page's types follow the Java. The served document is written to target/openapi.json for the
 * refresh command the failure prints.
 */
@QuarkusTest
class OpenApiDocumentTest {
    /** Surefire runs in the module's directory. */
    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");
    private static final Path SERVED_COPY = Path.of("target", "openapi.json");
    private static final String REFRESH = "If the API change is intended, refresh the contract and the page's types: "
            + "cp backend/target/openapi.json docs/openapi.json && (cd web-ui && npm run generate)";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void servedOpenApiDocument_isTheCheckedInContract() throws IOException {
        String body = Api.as("admin").queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode served = json.readTree(body);
        Files.writeString(SERVED_COPY, json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");

        assertThat(CHECKED_IN).as("docs/openapi.json is missing. " + REFRESH).exists();
        JsonNode checkedIn = json.readTree(CHECKED_IN.toFile());
        Optional<String> difference = firstDifference("", checkedIn, served);
        assertThat(difference)
                .as("docs/openapi.json is not the document the backend serves (first difference at %s). %s",
                        difference.orElse(""), REFRESH)
                .isEmpty();
    }

    @Test
    void terminalMessageEndpoints_documentTheirAnswerAndEveryRefusal() throws IOException {
        JsonNode served = json.readTree(Api.as("admin").queryParam("format", "json").get("/q/openapi").asString());
        for (String endpoint : new String[] {"request", "ack", "info"}) {
            JsonNode responses = served.at("/paths/~1api~1terminal~1" + endpoint + "/post/responses");
            assertThat(responses.at("/200/content/application~1json/schema/$ref").asText())
                    .as(endpoint).endsWith("/TerminalResponse");
            for (String status : new String[] {"400", "403", "404", "409", "423"}) {
                assertThat(responses.at("/" + status + "/content/application~1json/schema/$ref").asText())
                        .as(endpoint + " " + status).endsWith("/ApiError");
            }
        }
    }

    /** The JSON pointer of the first place where the two documents differ, if they do. */
    private static Optional<String> firstDifference(String at, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name) || !actual.has(name)) {
                    return Optional.of(child + (expected.has(name) ? " (no longer served)" : " (new)"));
                }
                Optional<String> inner = firstDifference(child, expected.get(name), actual.get(name));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                Optional<String> inner = firstDifference(at + "/" + i, e.next(), a.next());
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty() : Optional.of(at.isEmpty() ? "/" : at);
    }
}
