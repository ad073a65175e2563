package org.cardsync.backend.helpdesk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.cardsync.backend.card.DemoData;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperatorApiTest {
    @Test
    void operatorApi_withoutCredentials_is401() {
        given().get("/api/cards").then().statusCode(401);
    }

    @Test
    void customer_seesOwnCardsOnly() {
        as("alice").get("/api/cards").then().statusCode(200)
                .body("cardId", hasItem(DemoData.DEMO_CARD_ID));
        as("bob").get("/api/cards").then().statusCode(200)
                .body("cardId", not(hasItem(DemoData.DEMO_CARD_ID)));
    }

    @Test
    void customer_cannotSeeOrTouchAnotherCustomersCard() {
        long appId = issueCard(randomCardId(), "alice");
        as("bob").get("/api/applications/" + appId).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as("bob").get("/api/applications/" + appId + "/audit").then().statusCode(404);
        as("bob").contentType(ContentType.JSON).body("{\"type\":\"BLOCK\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(403);
        as("alice").get("/api/applications/" + appId).then().statusCode(200).body("aid", equalTo("f04341524453594e4301"));
    }

    @Test
    void customer_seesThatTheIssuerActed_notWhichEmployee() {
        long appId = issueCard(randomCardId(), "alice");
        as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"BLOCK\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201);
        as("alice").get("/api/applications/" + appId + "/audit").then().statusCode(200)
                .body("actor", everyItem(equalTo("issuer")));
        as("alice").get("/api/applications/" + appId).then().body("pending[0].requestedBy", equalTo("issuer"));
        as("helpdesk").get("/api/applications/" + appId + "/audit").then().body("actor", hasItem("helpdesk"));
        as("helpdesk").get("/api/applications/" + appId).then().body("pending[0].requestedBy", equalTo("helpdesk"));
    }

    @Test
    void customer_neverSeesAStaffName_inCancelReasonsOrAuditComments() {
        long appId = issueCard(randomCardId(), "alice");
        long actionId = as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":100}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201).extract().jsonPath().getLong("[0].id");
        org.cardsync.backend.testsupport.Api.act("helpdesk", appId, actionId, "cancel").statusCode(200);

        String customerView = as("alice").get("/api/applications/" + appId).then().statusCode(200)
                .body("history[0].state", equalTo("CANCELLED"))
                .body("history[0].reason", equalTo("cancelled by the issuer")).extract().asString();
        String customerAudit = as("alice").get("/api/applications/" + appId + "/audit").then().statusCode(200)
                .extract().asString();
        String customerCards = as("alice").get("/api/cards").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(customerView + customerAudit + customerCards)
                .doesNotContain("helpdesk").doesNotContain("admin");

        as("helpdesk").get("/api/applications/" + appId).then()
                .body("history[0].reason", equalTo("cancelled by helpdesk"));
    }

    @Test
    void customer_cannotQueueActionsEvenOnOwnCard() {
        long appId = issueCard(randomCardId(), "alice");
        as("alice").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":100}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(403);
    }

    @Test
    void helpdesk_searchesAllCards() {
        String cardId = randomCardId();
        issueCard(cardId, "bob");
        as("helpdesk").queryParam("q", cardId.substring(0, 10)).get("/api/cards").then().statusCode(200)
                .body("cardId", hasItem(cardId));
    }

    @Test
    void queueAndCancel_queuedActionIsCancelledAtOnce() {
        long appId = issueCard(randomCardId(), "bob");
        long actionId = as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":250}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201)
                .body("[0].state", equalTo("QUEUED")).extract().jsonPath().getLong("[0].id");
        as("helpdesk").get("/api/applications/" + appId).then().body("pending", hasSize(1));
        org.cardsync.backend.testsupport.Api.act("helpdesk", appId, actionId, "cancel").statusCode(200)
                .body("pending", empty()).body("history[0].state", equalTo("CANCELLED"));
        org.cardsync.backend.testsupport.Api.act("helpdesk", appId, actionId, "cancel").statusCode(409)
                .body("code", equalTo("INVALID_STATE"));
        as("helpdesk").get("/api/applications/" + appId + "/audit").then()
                .body("kind", hasItem("ACTION_QUEUED")).body("kind", hasItem("ACTION_CANCELLED"));
    }

    @Test
    void cancelWithoutAJsonBody_isRefused_soACrossSiteFormCannotCancel() {
        long appId = issueCard(randomCardId(), "bob");
        long actionId = as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":5}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201).extract().jsonPath().getLong("[0].id");
        as("helpdesk").contentType("application/x-www-form-urlencoded").body("x=1")
                .post("/api/applications/" + appId + "/actions/" + actionId + "/cancel").then().statusCode(415);
        as("helpdesk").post("/api/applications/" + appId + "/actions/" + actionId + "/cancel").then().statusCode(415);
        as("helpdesk").get("/api/applications/" + appId).then().body("pending[0].state", equalTo("QUEUED"));
    }

    @Test
    void cancellingOnePartOfALoad_cancelsTheWholeLoad() {
        long appId = issueCard(randomCardId(), "bob");
        java.util.List<Long> ids = as("helpdesk").contentType(ContentType.JSON)
                .body("{\"type\":\"LOAD_APPLICATION\",\"appId\":9,\"record\":\"" + "11".repeat(150) + "\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201).extract().jsonPath().getList("id", Long.class);
        org.cardsync.backend.testsupport.Api.act("helpdesk", appId, ids.get(0), "cancel").statusCode(200)
                .body("pending", empty()).body("history.state", everyItem(equalTo("CANCELLED")));
    }

    @Test
    void loadApplication_becomesBlocksThenActivation() {
        long appId = issueCard(randomCardId(), "bob");
        String record = "ab".repeat(200);
        as("helpdesk").contentType(ContentType.JSON)
                .body("{\"type\":\"LOAD_APPLICATION\",\"appId\":257,\"record\":\"" + record + "\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201)
                .body("type", equalTo(java.util.List.of("LOAD_APPLICATION_BLOCK", "LOAD_APPLICATION_BLOCK",
                        "LOAD_APPLICATION_ACTIVATE")));
    }

    @Test
    void badActionRequests_get400WithACodeAndChangeNothing() {
        long appId = issueCard(randomCardId(), "bob");
        as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"TELEPORT\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("type"));
        as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"WRITE_PARAMETER\",\"slot\":9,\"value\":\"00\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\"}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(400)
                .body("message", containsString("amount"));
        as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":0}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(400);
        as("helpdesk").get("/api/applications/" + appId).then().body("pending", empty()).body("history", empty());
    }

    @Test
    void issuance_isForAdminsOnly_andRefusesDuplicates() {
        String cardId = randomCardId();
        String body = """
                {"cardId":"%s","owner":"bob","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":10,"balance":1,"pin":"1234","pinTryLimit":3}]}""".formatted(cardId);
        as("helpdesk").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(403);
        as("admin").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(201)
                .body("format", equalTo("cardsync-personalisation/1")).body("cardId", equalTo(cardId))
                .body("applications[0].apdus[0]", containsString("80100000"));
        as("admin").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(409)
                .body("code", equalTo("CONFLICT"));
    }

    @Test
    void issuance_refusesBalanceAboveLimitAndBadPin() {
        as("admin").contentType(ContentType.JSON).body("""
                {"owner":"bob","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":10,"balance":11,"pin":"1234","pinTryLimit":3}]}""")
                .post("/api/admin/cards").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        as("admin").contentType(ContentType.JSON).body("""
                {"owner":"bob","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":10,"balance":1,"pin":"12","pinTryLimit":3}]}""")
                .post("/api/admin/cards").then().statusCode(400).body("message", containsString("pin"));
    }
}
