package org.cardsync.backend.helpdesk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/** The staff API's acts and reads of one application (docs/api.md "Staff API"). */
@QuarkusTest
class OperatorApiTest {
    private static ValidatableResponse queue(long appId, String json) {
        return as("helpdesk").contentType(ContentType.JSON).body(json).post("/api/applications/" + appId + "/actions")
                .then();
    }

    private static ValidatableResponse act(String user, String path, String json) {
        return as(user).contentType(ContentType.JSON).body(json).post(path).then();
    }

    private static List<Map<String, Object>> audit(long appId) {
        return as("helpdesk").queryParam("size", 100).get("/api/applications/" + appId + "/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void operatorApi_withoutCredentials_is401() {
        given().get("/api/cards").then().statusCode(401).body("code", equalTo("NOT_SIGNED_IN"));
    }

    @Test
    void queue_answers201WithTheActionsAndASummary_andAuditsActorAndComment() {
        long appId = issueCard(randomCardId(), "bob");
        queue(appId, "{\"type\":\"CREDIT\",\"amount\":2000,\"comment\":\"  goodwill, ticket 4711  \"}")
                .statusCode(201).body("[0].state", equalTo("QUEUED")).body("[0].summary", equalTo("CREDIT 2000"))
                .body("[0].requestedBy", equalTo("helpdesk")).body("[0].cancelRequested", equalTo(false));
        Map<String, Object> queued = audit(appId).stream().filter(e -> "ACTION_QUEUED".equals(e.get("kind")))
                .findFirst().orElseThrow();
        assertThat(queued).containsEntry("actor", "helpdesk").containsEntry("comment", "goodwill, ticket 4711");
        queue(appId, "{\"type\":\"BLOCK\",\"comment\":\"   \"}").statusCode(201);
        assertThat(audit(appId).get(0)).as("a blank comment is none").containsEntry("comment", null);
    }

    @Test
    void cancelOfAQueuedAction_isAtOnce_andItsCommentIsAudited() {
        long appId = issueCard(randomCardId(), "bob");
        long actionId = queue(appId, "{\"type\":\"CREDIT\",\"amount\":250}").statusCode(201)
                .extract().jsonPath().getLong("[0].id");
        as("helpdesk").get("/api/applications/" + appId).then().body("pending", hasSize(1)).body("pendingTotal", equalTo(1));
        act("helpdesk", "/api/applications/" + appId + "/actions/" + actionId + "/cancel",
                "{\"comment\":\"customer changed their mind\"}").statusCode(200)
                .body("pending", empty()).body("recent[0].state", equalTo("CANCELLED"))
                .body("recent[0].cancelRequested", equalTo(false)).body("recent[0].reason", equalTo("cancelled by helpdesk"));
        Api.act("helpdesk", appId, actionId, "cancel").statusCode(409).body("code", equalTo("INVALID_STATE"));
        Map<String, Object> cancelled = audit(appId).stream().filter(e -> "ACTION_CANCELLED".equals(e.get("kind")))
                .findFirst().orElseThrow();
        assertThat(cancelled).containsEntry("actor", "helpdesk").containsEntry("comment", "customer changed their mind")
                .containsEntry("actionId", (int) actionId);
    }

    @Test
    void aCommentLongerThan400Characters_isRefused_andNothingChanges() {
        long appId = issueCard(randomCardId(), "bob");
        long actionId = queue(appId, "{\"type\":\"CREDIT\",\"amount\":5}").statusCode(201).extract().jsonPath().getLong("[0].id");
        act("helpdesk", "/api/applications/" + appId + "/actions/" + actionId + "/cancel",
                "{\"comment\":\"" + "x".repeat(401) + "\"}").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        queue(appId, "{\"type\":\"BLOCK\",\"comment\":\"" + "x".repeat(401) + "\"}").statusCode(400);
        as("helpdesk").get("/api/applications/" + appId).then().body("pending.state", equalTo(List.of("QUEUED")));
    }

    @Test
    void cancelWithoutAJsonBody_isRefused_soACrossSiteFormCannotCancel() {
        long appId = issueCard(randomCardId(), "bob");
        long actionId = queue(appId, "{\"type\":\"CREDIT\",\"amount\":5}").statusCode(201).extract().jsonPath().getLong("[0].id");
        as("helpdesk").contentType("application/x-www-form-urlencoded").body("x=1")
                .post("/api/applications/" + appId + "/actions/" + actionId + "/cancel").then().statusCode(415);
        as("helpdesk").post("/api/applications/" + appId + "/actions/" + actionId + "/cancel").then().statusCode(415);
        as("helpdesk").get("/api/applications/" + appId).then().body("pending[0].state", equalTo("QUEUED"));
    }

    @Test
    void cancellingOnePartOfALoad_cancelsTheWholeLoad() {
        long appId = issueCard(randomCardId(), "bob");
        List<Long> ids = queue(appId, "{\"type\":\"LOAD_APPLICATION\",\"appId\":9,\"record\":\"" + "11".repeat(150) + "\"}")
                .statusCode(201).extract().jsonPath().getList("id", Long.class);
        Api.act("helpdesk", appId, ids.get(0), "cancel").statusCode(200)
                .body("pending", empty()).body("recent", hasSize(ids.size()))
                .body("recent.state", everyItem(equalTo("CANCELLED")));
    }

    @Test
    void loadApplication_becomesBlocksThenActivation() {
        long appId = issueCard(randomCardId(), "bob");
        queue(appId, "{\"type\":\"LOAD_APPLICATION\",\"appId\":257,\"record\":\"" + "ab".repeat(200) + "\"}")
                .statusCode(201)
                .body("type", equalTo(List.of("LOAD_APPLICATION_BLOCK", "LOAD_APPLICATION_BLOCK",
                        "LOAD_APPLICATION_ACTIVATE")))
                .body("summary", equalTo(List.of("LOAD_APPLICATION_BLOCK app 257 block 0 (128 bytes)",
                        "LOAD_APPLICATION_BLOCK app 257 block 1 (72 bytes)", "LOAD_APPLICATION_ACTIVATE app 257 (200 bytes)")));
    }

    @Test
    void badActionRequests_get400WithACodeAndChangeNothing() {
        long appId = issueCard(randomCardId(), "bob");
        queue(appId, "{\"type\":\"TELEPORT\"}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("type"));
        queue(appId, "{\"type\":\"WRITE_PARAMETER\",\"slot\":9,\"value\":\"00\"}").statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        queue(appId, "{\"type\":\"CREDIT\"}").statusCode(400).body("message", containsString("amount"));
        queue(appId, "{\"type\":\"CREDIT\",\"amount\":0}").statusCode(400);
        as("helpdesk").get("/api/applications/" + appId).then().body("pending", empty()).body("recent", empty());
    }

    @Test
    void theDetailIsBounded_andTheActionsArePagedNewestFirst_withAStateFilter() {
        long appId = issueCard(randomCardId(), "bob");
        for (int i = 1; i <= 105; i++) {
            queue(appId, "{\"type\":\"CREDIT\",\"amount\":" + i + "}").statusCode(201);
        }
        JsonPath d = as("helpdesk").get("/api/applications/" + appId).then().statusCode(200).extract().jsonPath();
        assertThat(d.getList("pending")).hasSize(100);
        assertThat(d.getInt("pendingTotal")).isEqualTo(105);
        assertThat(d.getList("pending.summary", String.class).get(0)).as("in queue order").isEqualTo("CREDIT 1");

        as("helpdesk").queryParam("state", "QUEUED").queryParam("size", 10).queryParam("page", 1)
                .get("/api/applications/" + appId + "/actions").then().statusCode(200)
                .body("total", equalTo(105)).body("page", equalTo(1)).body("size", equalTo(10))
                .body("items", hasSize(10)).body("items[0].summary", equalTo("CREDIT 95"));
        as("helpdesk").queryParam("state", "EXECUTED").get("/api/applications/" + appId + "/actions").then()
                .body("total", equalTo(0)).body("items", empty());
        as("helpdesk").queryParam("state", "DONE").get("/api/applications/" + appId + "/actions").then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void theAuditIsPagedNewestFirst() {
        long appId = issueCard(randomCardId(), "bob");
        queue(appId, "{\"type\":\"CREDIT\",\"amount\":1}").statusCode(201);
        queue(appId, "{\"type\":\"CREDIT\",\"amount\":2}").statusCode(201);
        as("helpdesk").queryParam("size", 2).get("/api/applications/" + appId + "/audit").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2))
                .body("items.kind", equalTo(List.of("ACTION_QUEUED", "ACTION_QUEUED")));
        as("helpdesk").queryParam("size", 2).queryParam("page", 1).get("/api/applications/" + appId + "/audit").then()
                .body("items.kind", equalTo(List.of("CARD_ISSUED"))).body("items[0].actor", equalTo("admin"));
    }

    @Test
    void theDetailNamesTheCustomerProductAndCurrency() {
        long appId = issueCard(randomCardId(), "alice");
        as("helpdesk").get("/api/applications/" + appId).then().statusCode(200)
                .body("customer.username", equalTo("alice")).body("customer.displayName", equalTo("Alice Martin"))
                .body("customer.email", equalTo("alice@example.com"))
                .body("productName", equalTo("City transit purse")).body("currency", equalTo("EUR"))
                .body("frozen", equalTo(null)).body("lastMessageAt", equalTo(null)).body("inFlight", equalTo(null));
        as("helpdesk").get("/api/applications/999999999").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void issuance_isForAdminsOnly_andRefusesDuplicates() {
        String cardId = randomCardId();
        String body = """
                {"cardId":"%s","owner":"bob","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":10,"balance":1,"pin":"1234","pinTryLimit":3}]}""".formatted(cardId);
        as("helpdesk").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as("admin").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(201)
                .body("format", equalTo("cardsync-personalisation/1")).body("cardId", equalTo(cardId))
                .body("applications[0].apdus[0]", containsString("80100000"));
        as("admin").contentType(ContentType.JSON).body(body).post("/api/admin/cards").then().statusCode(409)
                .body("code", equalTo("CONFLICT"));
    }

    @Test
    void issuance_toAnOwnerWhoIsNoCustomer_isRefused_andRegistersNothing() {
        for (String owner : new String[] {"nobody-by-this-name", "helpdesk"}) {
            String cardId = randomCardId();
            as("admin").contentType(ContentType.JSON).body("""
                    {"cardId":"%s","owner":"%s","applications":[
                      {"aid":"f04341524453594e4301","purseLimit":10,"balance":1,"pin":"1234","pinTryLimit":3}]}"""
                            .formatted(cardId, owner))
                    .post("/api/admin/cards").then().statusCode(400).body("code", equalTo("UNKNOWN_OWNER"))
                    .body("message", containsString("no customer account '" + owner + "'"));
            as("helpdesk").get("/api/cards/" + cardId).then().statusCode(404);
        }
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

    @Test
    void theCatalogueIsReadableByStaff() {
        as("helpdesk").get("/api/portal/products").then().statusCode(200).body("aid", hasItem("f04341524453594e4301"));
        as("alice").get("/api/portal/products").then().statusCode(200);
        as("helpdesk").get("/api/portal/cards").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
