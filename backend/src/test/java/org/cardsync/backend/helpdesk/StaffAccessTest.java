package org.cardsync.backend.helpdesk;

import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.cardsync.backend.card.DemoData;
import org.junit.jupiter.api.Test;

/**
 * Who may call the staff API (CONSOLE-CONTRACT.md section 1): staff only, customers get 403 FORBIDDEN with the JSON
 * body even for their own cards; /api/admin/** is for admins only. And its paging limits.
 */
@QuarkusTest
class StaffAccessTest {
    @Test
    void aCustomer_isForbiddenEveryStaffEndpoint_evenForTheirOwnCard() {
        String cardId = randomCardId();
        long appId = issueCard(cardId, "alice");
        long actionId = as("helpdesk").contentType(ContentType.JSON).body("{\"type\":\"CREDIT\",\"amount\":1}")
                .post("/api/applications/" + appId + "/actions").then().statusCode(201).extract().jsonPath()
                .getLong("[0].id");
        String app = "/api/applications/" + appId;
        for (String get : new String[] {"/api/cards", "/api/cards?q=alice", "/api/cards/" + cardId, app,
                app + "/actions", app + "/audit", "/api/alerts", "/api/dashboard", "/api/admin/users"}) {
            as("alice").get(get).then().statusCode(403).body("code", equalTo("FORBIDDEN"))
                    .body("message", not(emptyString()));
        }
        for (String post : new String[] {app + "/actions", app + "/actions/" + actionId + "/cancel",
                app + "/actions/" + actionId + "/retry", app + "/unfreeze", app + "/resync", "/api/alerts/1/acknowledge",
                "/api/admin/users", "/api/admin/users/helpdesk/disable", "/api/admin/cards"}) {
            as("alice").contentType(ContentType.JSON).body("{\"type\":\"BLOCK\"}").post(post).then().statusCode(403)
                    .body("code", equalTo("FORBIDDEN"));
        }
        as("helpdesk").get(app).then().body("pending", hasSize(1)).body("pending[0].state", equalTo("QUEUED"));
    }

    @Test
    void helpdesk_isForbiddenTheAdminEndpoints() {
        as("helpdesk").get("/api/admin/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as("helpdesk").contentType(ContentType.JSON).body("""
                {"username":"sneaky","displayName":"S","role":"admin","password":"long-enough-password"}""")
                .post("/api/admin/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as("helpdesk").contentType(ContentType.JSON).body("{}").post("/api/admin/users/admin/disable").then()
                .statusCode(403);
        as("admin").get("/api/admin/users").then().statusCode(200);
    }

    @Test
    void paging_hasDefaults_andRefusesSizesOutside1To100() {
        as("helpdesk").get("/api/cards").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(25));
        for (String size : new String[] {"0", "101", "-1", "many"}) {
            for (String path : new String[] {"/api/cards", "/api/alerts", "/api/admin/users"}) {
                as("admin").queryParam("size", size).get(path).then().statusCode(400)
                        .body("code", equalTo("INVALID_REQUEST")).body("message", equalTo("size must be a whole number from 1 to 100"));
            }
        }
        as("helpdesk").queryParam("page", "-1").get("/api/cards").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        as("helpdesk").queryParam("size", "100").get("/api/cards").then().statusCode(200).body("size", equalTo(100));
    }

    @Test
    void theSession_namesTheStaffMember() {
        as("helpdesk").get("/api/session").then().statusCode(200).body("username", equalTo("helpdesk"))
                .body("role", equalTo("helpdesk")).body("displayName", equalTo("Hana Desk"));
        as("admin").get("/api/session").then().body("displayName", equalTo("Ada Admin"));
        as("helpdesk").get("/api/cards/" + DemoData.DEMO_CARD_ID).then().statusCode(200)
                .body("customer.displayName", equalTo("Alice Martin")).body("customer.email", equalTo("alice@example.com"));
    }
}
