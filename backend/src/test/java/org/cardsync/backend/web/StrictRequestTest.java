package org.cardsync.backend.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * Every error is {@code {code, message}}, including the ones raised before a resource runs, and JSON is read
 * strictly (ARCHITECTURE.md section 7). A refused body changes nothing.
 */
@QuarkusTest
class StrictRequestTest {
    private static ValidatableResponse queue(long app, String contentType, String body) {
        var request = as("helpdesk");
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        return (body == null ? request : request.body(body)).post("/api/applications/" + app + "/actions").then();
    }

    private static void assertNothingQueued(long app) {
        as("admin").get("/api/applications/" + app).then().statusCode(200).body("pending", empty());
    }

    @Test
    void post_withoutContentType_is415_everywhere() {
        long app = issueCard(randomCardId(), "alice");
        // rest-assured adds a Content-Type to any body; a bodiless POST carries none, like the issue's attack
        queue(app, null, null).statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().post("/api/terminal/challenge").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().post("/api/session").then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        assertNothingQueued(app);
    }

    @Test
    void post_withTextOrFormContentType_is415() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "text/plain", "{\"type\":\"CREDIT\",\"amount\":424242}").statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        queue(app, "application/x-www-form-urlencoded", "type=CREDIT&amount=424242").statusCode(415);
        given().contentType("text/plain").body("{\"message\":\"00\"}").post("/api/terminal/request").then()
                .statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        assertNothingQueued(app);
    }

    @Test
    void jsonWithCharset_isAccepted() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json; charset=utf-8", "{\"type\":\"CREDIT\",\"amount\":5}").statusCode(201);
    }

    @Test
    void fractionForAWholeNumber_isRefused_notTruncated() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":1.9}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("amount"));
        assertNothingQueued(app);
    }

    @Test
    void quotedNumber_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":\"5\"}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        assertNothingQueued(app);
    }

    @Test
    void numberForText_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"BLOCK\",\"value\":12}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        assertNothingQueued(app);
    }

    @Test
    void duplicatedKey_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":5,\"amount\":424242}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("twice"));
        assertNothingQueued(app);
    }

    @Test
    void trailingText_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":5} {\"type\":\"CREDIT\",\"amount\":6}")
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        assertNothingQueued(app);
    }

    @Test
    void unknownProperty_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":5,\"ammount\":6}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("ammount"));
        assertNothingQueued(app);
    }

    @Test
    void bodyOfTheWrongJsonType_is400WithCode() {
        long app = issueCard(randomCardId(), "alice");
        queue(app, "application/json", "[\"CREDIT\", 5]").statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("message", not(containsString("org.cardsync"))).body("message", not(containsString("java.")));
        queue(app, "application/json", "\"CREDIT\"").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        queue(app, "application/json", "{\"type\":").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        assertNothingQueued(app);
    }

    @Test
    void twelveMegabyteBody_is413WithCode() {
        long app = issueCard(randomCardId(), "alice");
        String big = "{\"type\":\"CREDIT\",\"amount\":5,\"record\":\"" + "a".repeat(12 * 1024 * 1024) + "\"}";
        queue(app, "application/json", big).statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        assertNothingQueued(app);
    }

    @Test
    void unknownPath_is404WithCode() {
        as("admin").get("/api/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().get("/api/terminal/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMethod_is405WithCode() {
        given().get("/api/terminal/request").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        as("admin").delete("/api/cards").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void forbiddenRole_is403WithCode() {
        long app = issueCard(randomCardId(), "alice");
        var r = queue(app, "application/json", "{\"type\":\"CREDIT\",\"amount\":5}");
        as("alice").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":5}")
                .post("/api/applications/" + app + "/actions").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        assertThat(r.extract().statusCode()).isEqualTo(201);
    }
}
