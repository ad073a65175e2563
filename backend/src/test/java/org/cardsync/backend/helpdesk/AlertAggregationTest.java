package org.cardsync.backend.helpdesk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.Test;

/**
 * Repeated alerts of one kind on one application are one row while open (count, first and last seen, latest
 * detail): a flood of forged messages naming a card (3,046 bad MACs in 5 s once made as many rows and a 421 KB
 * application detail) stays one row and a small answer.
 */
@QuarkusTest
class AlertAggregationTest {
    private static final int FLOOD = 3000;
    private static final int OVER_HTTP = 40;

    @Inject
    AuditTrail audit;

    /** A REQUEST naming the card whose MAC is zeros: it fails the MAC check. */
    private static String requestWithBadMac(String cardId, long atc) {
        return "0101" + cardId + "0a" + TestTerminal.AID_HEX + String.format("%08x", atc) + "00000000" + "00".repeat(16) + "21"
                + "01" + "00000000" + "00000000" + "00".repeat(16) + "000003e8" + "02" + "03" + "0000" + "00".repeat(16);
    }

    private static void postBadMac(String cardId, long atc) {
        given().contentType(ContentType.JSON).body("{\"message\":\"" + requestWithBadMac(cardId, atc) + "\"}")
                .post("/api/terminal/request").then().statusCode(403).body("code", equalTo("BAD_MAC"));
    }

    private static JsonPath alerts(String cardId, String state) {
        return as("helpdesk").queryParam("q", cardId).queryParam("state", state).get("/api/alerts").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aFloodOfBadMacs_isOneOpenAlert_andTheDetailStaysSmall() throws Exception {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        Instant before = Instant.now();
        for (int atc = 1; atc <= OVER_HTTP; atc++) {
            postBadMac(cardId, atc);
        }
        // the rest straight into the trail, from several threads at once, each in its own transaction: the upsert
        // must neither lose a count nor open a second row when repeats race
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < FLOOD - OVER_HTTP; i++) {
            int n = i;
            done.add(pool.submit(() -> QuarkusTransaction.requiringNew().run(() ->
                    audit.alert(appId, AlertKind.MAC_FAILURE, "REQUEST ATC " + (OVER_HTTP + n + 1) + ": MAC does not verify"))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        String detail = as("helpdesk").get("/api/applications/" + appId).then().statusCode(200).extract().asString();
        assertThat(detail.length()).as("the application detail stays small").isLessThan(8_000);
        JsonPath d = JsonPath.from(detail);
        assertThat(d.getList("alerts")).hasSize(1);
        assertThat(d.getInt("openAlerts")).isEqualTo(1);
        assertThat(d.getString("alerts[0].kind")).isEqualTo("MAC_FAILURE");
        assertThat(d.getLong("alerts[0].count")).isEqualTo(FLOOD);
        assertThat(d.getString("alerts[0].detail")).startsWith("REQUEST ATC ").endsWith("MAC does not verify");
        assertThat(Instant.parse(d.getString("alerts[0].firstSeen"))).isAfterOrEqualTo(before.minusSeconds(1))
                .isBefore(Instant.parse(d.getString("alerts[0].lastSeen")));

        JsonPath list = alerts(cardId, "open");
        assertThat(list.getInt("total")).isEqualTo(1);
        assertThat(list.getLong("items[0].count")).isEqualTo(FLOOD);
        assertThat(list.getString("items[0].cardId")).isEqualTo(cardId);
        assertThat(list.getLong("items[0].applicationId")).isEqualTo(appId);
        // the audit keeps a row per refused message, paged
        as("helpdesk").queryParam("size", 5).get("/api/applications/" + appId + "/audit").then()
                .body("items.size()", equalTo(5)).body("total", equalTo(OVER_HTTP + 1));
    }

    @Test
    void acknowledging_closesTheAlert_andTheNextRepeatOpensANewOne() {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        postBadMac(cardId, 1);
        postBadMac(cardId, 2);
        long alertId = alerts(cardId, "open").getLong("items[0].id");

        as("helpdesk").contentType(ContentType.JSON).body("{\"comment\":\"terminal 12 misconfigured, fixed\"}")
                .post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("acknowledged", equalTo(true)).body("acknowledgedBy", equalTo("helpdesk"))
                .body("comment", equalTo("terminal 12 misconfigured, fixed")).body("count", equalTo(2));
        as("helpdesk").contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/acknowledge").then()
                .statusCode(409).body("code", equalTo("INVALID_STATE"));
        as("helpdesk").contentType(ContentType.JSON).body("{}").post("/api/alerts/999999999/acknowledge").then()
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        Map<String, Object> acked = as("helpdesk").get("/api/applications/" + appId + "/audit").then().extract()
                .jsonPath().getMap("items[0]");
        assertThat(acked).containsEntry("kind", "ALERT_ACKNOWLEDGED").containsEntry("actor", "helpdesk")
                .containsEntry("comment", "terminal 12 misconfigured, fixed");
        assertThat(alerts(cardId, "open").getInt("total")).isZero();

        postBadMac(cardId, 3);
        JsonPath open = alerts(cardId, "open");
        assertThat(open.getInt("total")).isEqualTo(1);
        assertThat(open.getLong("items[0].id")).isNotEqualTo(alertId);
        assertThat(open.getLong("items[0].count")).isEqualTo(1);
        assertThat(alerts(cardId, "acknowledged").getList("items.id", Long.class)).containsExactly(alertId);
        assertThat(alerts(cardId, "all").getInt("total")).isEqualTo(2);
    }

    @Test
    void theList_filtersByKind_andRefusesUnknownFilters() {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        postBadMac(cardId, 1);
        QuarkusTransaction.requiringNew().run(() -> audit.alert(appId, AlertKind.RETRIES_SPENT, "action 1: refused"));
        as("helpdesk").queryParam("q", cardId).get("/api/alerts").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].kind", equalTo("RETRIES_SPENT"));
        as("helpdesk").queryParam("q", cardId).queryParam("kind", "MAC_FAILURE").get("/api/alerts").then()
                .body("total", equalTo(1)).body("items[0].kind", equalTo("MAC_FAILURE"));
        as("helpdesk").queryParam("kind", "FIRE").get("/api/alerts").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        as("helpdesk").queryParam("state", "closed").get("/api/alerts").then().statusCode(400);
        as("helpdesk").queryParam("q", "not-a-card").get("/api/alerts").then().statusCode(400);
    }
}
