package org.cardsync.backend;

import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/** Every endpoint of the terminal and operator APIs is in the OpenAPI document. */
@QuarkusTest
class OpenApiTest {
    @Test
    void openApiDocument_listsTheTerminalAndOperatorApis() {
        var body = Api.as("admin").queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : new String[] {"/api/terminal/challenge", "/api/terminal/request", "/api/terminal/ack",
                "/api/terminal/info", "/api/cards", "/api/cards/{cardId}", "/api/applications/{id}",
                "/api/applications/{id}/audit", "/api/applications/{id}/actions",
                "/api/applications/{id}/actions/{actionId}/cancel", "/api/applications/{id}/actions/{actionId}/retry",
                "/api/applications/{id}/unfreeze", "/api/admin/cards"}) {
            body.body("paths", hasKey(path));
        }
    }
}
