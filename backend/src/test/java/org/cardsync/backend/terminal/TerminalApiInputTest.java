package org.cardsync.backend.terminal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the terminal API: a clear 4xx with a code, nothing changed, audited and alerted where it names a card
 * (rule 3).
 */
@QuarkusTest
class TerminalApiInputTest {
    private static final String AID = "f04341524453594e4301";

    private static io.restassured.response.ValidatableResponse post(String path, String message) {
        return given().contentType(ContentType.JSON).body("{\"message\":\"" + message + "\"}")
                .post("/api/terminal/" + path).then();
    }

    /** A well-formed REQUEST for a card, with an all-zero MAC. */
    private static String requestWithBadMac(String cardId, long atc) {
        return "0101" + cardId + "0a" + AID + String.format("%08x", atc) + "00000000" + "00".repeat(16) + "21"
                + "01" + "00000000" + "00000000" + "00".repeat(16) + "000003e8" + "02" + "03" + "0000" + "00".repeat(16);
    }

    @Test
    void notHex_isMalformed() {
        post("request", "zz").statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
        post("request", "abc").statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
    }

    @Test
    void missingBody_isInvalid() {
        given().contentType(ContentType.JSON).body("{}").post("/api/terminal/request").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void truncatedMessage_isMalformed() {
        post("ack", "0102" + "00".repeat(10)).statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
    }

    @Test
    void unknownVersion_isUnsupported() {
        post("request", "02" + requestWithBadMac("0102030405060708", 1).substring(2)).statusCode(400)
                .body("code", equalTo("UNSUPPORTED_VERSION"));
    }

    @Test
    void requestPostedAsAck_isTheWrongType() {
        post("ack", requestWithBadMac("0102030405060708", 1)).statusCode(400).body("code", equalTo("WRONG_MESSAGE_TYPE"));
    }

    @Test
    void unknownCard_is404() {
        post("request", requestWithBadMac("ffffffffffffffff", 1)).statusCode(404).body("code", equalTo("UNKNOWN_CARD"));
    }

    @Test
    void badMac_isRejectedAuditedAndAlerted_andChangesNothing() {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        post("request", requestWithBadMac(cardId, 1)).statusCode(403).body("code", equalTo("BAD_MAC"));
        Api.as("helpdesk").get("/api/applications/" + appId).then()
                .body("lastAtc", equalTo(0)).body("confirmedCa", equalTo(0)).body("status", equalTo("ACTIVE"))
                .body("alerts.kind", hasItem("MAC_FAILURE"));
        Api.as("helpdesk").get("/api/applications/" + appId + "/audit").then()
                .body("items.kind", hasItem("MESSAGE_REJECTED"));
    }

    @Test
    void malformedMessageNamingACard_isAuditedOnThatCard_andChangesNothing() {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        String truncated = requestWithBadMac(cardId, 1).substring(0, 80);
        post("request", truncated).statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
        post("ack", requestWithBadMac(cardId, 1)).statusCode(400).body("code", equalTo("WRONG_MESSAGE_TYPE"));
        Api.as("helpdesk").get("/api/applications/" + appId + "/audit").then()
                .body("items.findAll { it.kind == 'MESSAGE_REJECTED' }.size()", equalTo(2));
        Api.as("helpdesk").get("/api/applications/" + appId).then().body("lastAtc", equalTo(0));
    }

    @Test
    void malformedWrongTypeAndUnsupportedVersionMessagesNamingACard_areCountedInOneRejectedMessageAlert() {
        String cardId = Api.randomCardId();
        long appId = Api.issueCard(cardId, "bob");
        String request = requestWithBadMac(cardId, 1);
        post("request", request.substring(0, 80)).statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
        post("ack", request).statusCode(400).body("code", equalTo("WRONG_MESSAGE_TYPE"));
        post("request", "02" + request.substring(2)).statusCode(400).body("code", equalTo("UNSUPPORTED_VERSION"));

        io.restassured.path.json.JsonPath alerts = Api.as("helpdesk").queryParam("q", cardId).queryParam("state", "open")
                .get("/api/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.kind", String.class)).as("one aggregated alert, no other kind")
                .containsExactly("REJECTED_MESSAGE");
        assertThat(alerts.getLong("items[0].count")).isEqualTo(3);
        assertThat(alerts.getLong("items[0].applicationId")).isEqualTo(appId);
        assertThat(alerts.getString("items[0].detail")).as("the latest one, in words")
                .contains("refused unread").contains("UNSUPPORTED_VERSION");
        Api.as("helpdesk").get("/api/applications/" + appId).then().body("lastAtc", equalTo(0))
                .body("status", equalTo("ACTIVE")).body("confirmedCa", equalTo(0));
    }

    @Test
    void challenge_isFreshHex() {
        given().contentType(ContentType.JSON).body("{}").post("/api/terminal/challenge").then().statusCode(200)
                .body("challenge", matchesPattern("[0-9a-f]{32}"));
    }
}
