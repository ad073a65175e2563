package org.cardsync.backend.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * Issuance checks who will own the card: an existing customer account, named exactly, without control or invisible
 * characters. Each refusal is coded and writes nothing (the card id stays free).
 */
@QuarkusTest
class IssuanceOwnerTest {
    private final ObjectMapper json = new ObjectMapper();

    private Response issue(String cardId, String owner) throws Exception {
        // built with Jackson, so that control characters travel as JSON escapes the way a client would send them
        String body = json.writeValueAsString(Map.of("cardId", cardId, "owner", owner, "applications", java.util.List.of(
                Map.of("aid", "f04341524453594e4301", "purseLimit", 100000, "balance", 0, "pin", "1234",
                        "pinTryLimit", 3))));
        return Api.as("admin").contentType(ContentType.JSON).body(body).post("/api/admin/cards");
    }

    private static void assertNothingWritten(String cardId) {
        assertThat(Api.as("admin").get("/api/cards/" + cardId).statusCode()).as("card " + cardId).isEqualTo(404);
    }

    @Test
    void aCaseVariantOfACustomerAccount_isRefused_namingTheAccount() throws Exception {
        String cardId = Api.randomCardId();
        Response r = issue(cardId, "ALICE");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.jsonPath().getString("code")).isEqualTo("UNKNOWN_OWNER");
        assertThat(r.jsonPath().getString("message")).contains("'ALICE'", "'alice'", "differs only in case");
        assertNothingWritten(cardId);
    }

    @Test
    void anOwnerThatIsNoCustomer_isRefused() throws Exception {
        for (String owner : new String[] {"nobody-" + Api.randomCardId(), "helpdesk", "admin"}) {
            String cardId = Api.randomCardId();
            Response r = issue(cardId, owner);
            assertThat(r.statusCode()).as(owner + ": " + r.asString()).isEqualTo(400);
            assertThat(r.jsonPath().getString("code")).as(owner).isEqualTo("UNKNOWN_OWNER");
            assertNothingWritten(cardId);
        }
    }

    @Test
    void controlAndInvisibleCharacters_areRefused() throws Exception {
        for (String owner : new String[] {"alice\u0000", "alice\n", "al\u202Eice", "ali\u200Bce", "alice\u001b[0m",
                "alice\u2028"}) {
            String cardId = Api.randomCardId();
            Response r = issue(cardId, owner);
            String shown = owner.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
            assertThat(r.statusCode()).as(shown + ": " + r.asString()).isEqualTo(400);
            assertThat(r.jsonPath().getString("code")).as(shown).isEqualTo("INVALID_REQUEST");
            assertThat(r.jsonPath().getString("message")).as(shown)
                    .contains("owner: must not contain control or invisible formatting characters");
            assertNothingWritten(cardId);
        }
    }

    @Test
    void anExistingCustomer_namedExactly_ownsTheCard() throws Exception {
        String cardId = Api.randomCardId();
        Response r = issue(cardId, "alice");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        assertThat(Api.as("admin").get("/api/cards/" + cardId).statusCode()).isEqualTo(200);
    }
}
