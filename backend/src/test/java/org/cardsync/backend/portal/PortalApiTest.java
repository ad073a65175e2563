package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.cardsync.backend.testsupport.Portal.application;
import static org.cardsync.backend.testsupport.Portal.changes;
import static org.cardsync.backend.testsupport.Portal.complete;
import static org.cardsync.backend.testsupport.Portal.paidTopUp;
import static org.cardsync.backend.testsupport.Portal.post;
import static org.cardsync.backend.testsupport.Portal.topUp;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.card.DemoData;
import org.junit.jupiter.api.Test;

/**
 * The portal API as a customer uses it: every endpoint's answer, each coded refusal changing nothing, and a
 * customer kept from other customers' cards and payments. Cards are issued fresh (AID ...4301, purse limit
 * 100000, balance 1000, slot 0 = 0102) so that tests sharing the database do not meet.
 */
@QuarkusTest
class PortalApiTest {

    private static long freshApplication(String owner) {
        return issueCard(randomCardId(), owner);
    }

    private static String path(long appId, String rest) {
        return "/api/portal/applications/" + appId + rest;
    }

    @Test
    void cards_showTheDemoCardInTheIssuersWords() {
        JsonPath cards = as("alice").get("/api/portal/cards").then().statusCode(200).extract().jsonPath();
        Map<String, Object> demo = cards.<Map<String, Object>>getList("").stream()
                .filter(c -> DemoData.DEMO_CARD_ID.equals(c.get("cardId"))).findFirst().orElseThrow();
        List<Map<String, Object>> apps = (List<Map<String, Object>>) demo.get("applications");
        assertThat(apps).extracting(a -> a.get("productName")).containsExactly("City transit purse", "Campus card");
        assertThat(apps.get(0).get("currency")).isEqualTo(Map.of("code", "EUR", "minorUnits", 2));
        assertThat((List<Map<String, Object>>) apps.get(0).get("parameters")).extracting(p -> p.get("name"))
                .containsExactly("Daily spending limit", "Language", "Fare class", "Card name");
    }

    @Test
    void application_showsPersonalisedValuesLimitsAndSupportDetails() {
        long appId = freshApplication("alice");
        Map<String, Object> app = application("alice", appId);
        assertThat(app.get("status")).isEqualTo("ACTIVE");
        assertThat(app.get("blockRequested")).isEqualTo(false);
        assertThat(app.get("balance")).isEqualTo(1000);
        assertThat(app.get("balanceSeenAt")).isNotNull();
        assertThat(app.get("purseLimit")).isEqualTo(100000);
        assertThat(app.get("pendingTopUps")).isEqualTo(0);
        assertThat(app.get("maxTopUp")).isEqualTo(99000);
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) app.get("parameters");
        // slot 0 was personalised as 01 02: 258 minor units
        assertThat(parameters.get(0)).containsEntry("slot", 0).containsEntry("type", "AMOUNT").containsEntry("value", "258")
                .containsEntry("min", 0).containsEntry("max", 50000).containsEntry("customerMayChange", true);
        assertThat(parameters.get(1)).containsEntry("type", "CHOICE").containsEntry("value", null);
        assertThat((List<Map<String, Object>>) parameters.get(1).get("choices")).extracting(c -> c.get("key"))
                .containsExactly("en", "fr", "de");
        assertThat(parameters.get(2)).containsEntry("customerMayChange", false);
        assertThat(parameters.get(3)).containsEntry("type", "TEXT").containsEntry("maxLength", 16);
        assertThat((List<?>) app.get("services")).isEmpty();
        assertThat((List<?>) app.get("changes")).isEmpty();
        assertThat((Map<String, Object>) app.get("support")).containsEntry("confirmedCa", 0).containsEntry("lastAtc", 0)
                .containsEntry("keyVersion", 1).containsEntry("frozenReason", null);
    }

    @Test
    void aCustomer_neverReachesAnotherCustomersCardsOrPayments() {
        long alices = freshApplication("alice");
        long payment = topUp("alice", alices, 100).statusCode(201).extract().jsonPath().getLong("paymentId");
        as("bob").get("/api/portal/cards").then().statusCode(200)
                .body("applications.flatten().id", not(hasItem((int) alices)));
        topUp("bob", alices, 100).statusCode(404).body("code", equalTo("NOT_FOUND"));
        post("bob", path(alices, "/parameters/0"), "{\"value\":\"100\"}").statusCode(404).body("code", equalTo("NOT_FOUND"));
        post("bob", path(alices, "/services"), "{\"serviceId\":\"parking\"}").statusCode(404);
        post("bob", path(alices, "/block"), "{\"reason\":\"STOLEN\"}").statusCode(404);
        as("bob").get("/api/portal/payments/" + payment).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        complete("bob", payment, "PAID").statusCode(404).body("code", equalTo("NOT_FOUND"));
        // and staff use the console, not the portal
        as("helpdesk").get("/api/portal/cards").then().statusCode(403);
        assertThat(changes("alice", alices)).isEmpty();
        as("alice").get("/api/portal/payments/" + payment).then().statusCode(200).body("state", equalTo("PENDING"));
    }

    @Test
    void topUp_checksTheLimitThenOpensAPaymentAndQueuesNothing() {
        long appId = freshApplication("alice");
        topUp("alice", appId, 0).statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        topUp("alice", appId, -5).statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        // purse limit 1000.00 - balance 10.00: at most 990.00 EUR
        topUp("alice", appId, 99001).statusCode(409).body("code", equalTo("AMOUNT_OVER_LIMIT"))
                .body("message", equalTo("You can add at most 990.00 EUR to this card now."));
        JsonPath topUp = topUp("alice", appId, 2500).statusCode(201).extract().jsonPath();
        long paymentId = topUp.getLong("paymentId");
        assertThat(topUp.getLong("amount")).isEqualTo(2500);
        assertThat(topUp.getString("currency.code")).isEqualTo("EUR");
        assertThat(topUp.getString("paymentUrl")).isEqualTo("/pay.html?payment=" + paymentId);
        as("alice").get("/api/portal/payments/" + paymentId).then().statusCode(200)
                .body("state", equalTo("PENDING")).body("applicationId", equalTo((int) appId))
                .body("changeId", equalTo(null)).body("amount", equalTo(2500));
        assertThat(changes("alice", appId)).isEmpty();
        assertThat(application("alice", appId).get("pendingTopUps")).isEqualTo(0);
    }

    @Test
    void paidPayment_queuesOneTopUp_andASecondCompletionChangesNothing() {
        long appId = freshApplication("alice");
        long paymentId = topUp("alice", appId, 2500).statusCode(201).extract().jsonPath().getLong("paymentId");
        JsonPath paid = complete("alice", paymentId, "PAID").statusCode(200).extract().jsonPath();
        assertThat(paid.getString("state")).isEqualTo("PAID");
        long changeId = paid.getLong("changeId");
        complete("alice", paymentId, "PAID").statusCode(409).body("code", equalTo("PAYMENT_NOT_PENDING"));
        complete("alice", paymentId, "DECLINED").statusCode(409).body("code", equalTo("PAYMENT_NOT_PENDING"));
        List<Map<String, Object>> changes = changes("alice", appId);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).containsEntry("id", (int) changeId).containsEntry("kind", "TOP_UP")
                .containsEntry("amount", 2500).containsEntry("state", "WAITING").containsEntry("settledAt", null)
                .containsEntry("actionIds", List.of((int) changeId));
        Map<String, Object> app = application("alice", appId);
        assertThat(app.get("pendingTopUps")).isEqualTo(2500);
        assertThat(app.get("maxTopUp")).isEqualTo(99000 - 2500);
        as("alice").get("/api/portal/payments/" + paymentId).then().body("changeId", equalTo((int) changeId));
        // the customer is the actor of what they did
        as("helpdesk").get("/api/applications/" + appId + "/audit").then().statusCode(200)
                .body("items.findAll { it.kind == 'ACTION_QUEUED' }.actor", hasItem("alice"))
                .body("items.kind", hasItem("PAYMENT_COMPLETED"));
        // the staff audit trail is the issuer's: the customer reads their changes in the portal only
        as("alice").get("/api/applications/" + appId + "/audit").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void declinedPayment_queuesNothing() {
        long appId = freshApplication("alice");
        long paymentId = topUp("alice", appId, 700).statusCode(201).extract().jsonPath().getLong("paymentId");
        complete("alice", paymentId, "DECLINED").statusCode(200).body("state", equalTo("DECLINED"))
                .body("changeId", equalTo(null));
        complete("alice", paymentId, "PAID").statusCode(409).body("code", equalTo("PAYMENT_NOT_PENDING"));
        complete("alice", paymentId, "MAYBE").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        assertThat(changes("alice", appId)).isEmpty();
    }

    @Test
    void payment_isCheckedAgainstTheLimitWhenPaid() {
        long appId = freshApplication("alice");
        long first = topUp("alice", appId, 60000).statusCode(201).extract().jsonPath().getLong("paymentId");
        long second = topUp("alice", appId, 60000).statusCode(201).extract().jsonPath().getLong("paymentId");
        complete("alice", first, "PAID").statusCode(200);
        complete("alice", second, "PAID").statusCode(409).body("code", equalTo("AMOUNT_OVER_LIMIT"))
                .body("message", equalTo("You can add at most 390.00 EUR to this card now."));
        as("alice").get("/api/portal/payments/" + second).then().body("state", equalTo("PENDING"));
        assertThat(changes("alice", appId)).hasSize(1);
    }

    @Test
    void setParameter_isCheckedAgainstTheCatalogueOnTheServer() {
        long appId = freshApplication("alice");
        post("alice", path(appId, "/parameters/2"), "{\"value\":\"reduced\"}").statusCode(403)
                .body("code", equalTo("PARAMETER_NOT_CHANGEABLE"));
        for (String bad : List.of("50001", "-1", "12.5", "abc", "")) {
            post("alice", path(appId, "/parameters/0"), "{\"value\":\"" + bad + "\"}").statusCode(400)
                    .body("code", equalTo("INVALID_PARAMETER_VALUE"));
        }
        post("alice", path(appId, "/parameters/1"), "{\"value\":\"es\"}").statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER_VALUE"));
        post("alice", path(appId, "/parameters/3"), "{\"value\":\"seventeen chars!!\"}").statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER_VALUE"));
        post("alice", path(appId, "/parameters/3"), "{\"value\":\"caf\u00e9\"}").statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER_VALUE"));
        post("alice", path(appId, "/parameters/7"), "{\"value\":\"1\"}").statusCode(404).body("code", equalTo("NOT_FOUND"));
        post("alice", path(appId, "/parameters/0"), "{}").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        assertThat(changes("alice", appId)).isEmpty();

        JsonPath change = post("alice", path(appId, "/parameters/0"), "{\"value\":\"5000\"}").statusCode(201)
                .extract().jsonPath();
        assertThat(change.getString("kind")).isEqualTo("SET_PARAMETER");
        assertThat(change.getString("parameterName")).isEqualTo("Daily spending limit");
        assertThat(change.getString("newValue")).isEqualTo("5000");
        assertThat(change.getString("state")).isEqualTo("WAITING");
        post("alice", path(appId, "/parameters/1"), "{\"value\":\"fr\"}").statusCode(201);
        post("alice", path(appId, "/parameters/3"), "{\"value\":\"My transit card\"}").statusCode(201);
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) application("alice", appId).get("parameters");
        assertThat(parameters.get(0)).containsEntry("value", "258").containsEntry("pendingValue", "5000");
        assertThat(parameters.get(1)).containsEntry("pendingValue", "fr");
        assertThat(parameters.get(3)).containsEntry("pendingValue", "My transit card");
        // the card gets the catalogue's encoding: 5000 on two bytes big-endian
        as("helpdesk").get("/api/applications/" + appId).then()
                .body("pending.payload", hasItem("001388"))
                .body("pending.payload", hasItem("016672"));
    }

    @Test
    void addService_queuesTheLoadOnce() {
        long appId = freshApplication("alice");
        post("alice", path(appId, "/services"), "{\"serviceId\":\"ferry\"}").statusCode(404)
                .body("code", equalTo("UNKNOWN_SERVICE"));
        JsonPath change = post("alice", path(appId, "/services"), "{\"serviceId\":\"bike-share\"}").statusCode(201)
                .extract().jsonPath();
        assertThat(change.getString("kind")).isEqualTo("ADD_SERVICE");
        assertThat(change.getString("serviceName")).isEqualTo("Bike share");
        List<Long> actionIds = change.getList("actionIds", Long.class);
        assertThat(actionIds).hasSize(2); // one block of the short record, then its activation
        assertThat(change.getLong("id")).isEqualTo(actionIds.get(1));
        post("alice", path(appId, "/services"), "{\"serviceId\":\"bike-share\"}").statusCode(409)
                .body("code", equalTo("SERVICE_ALREADY_PRESENT"));
        Map<String, Object> app = application("alice", appId);
        assertThat((List<Map<String, Object>>) app.get("services")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("serviceId", "bike-share").containsEntry("state", "BEING_ADDED"));
        assertThat((List<?>) app.get("changes")).hasSize(1);
        as("alice").get("/api/portal/services").then().statusCode(200)
                .body("serviceId", equalTo(List.of("bike-share", "parking", "library")));
    }

    @Test
    void products_areTheCataloguesApplications_forSignedInCustomers() {
        // demo-catalogue.json's two products
        as("alice").get("/api/portal/products").then().statusCode(200)
                .body("aid", equalTo(List.of("f04341524453594e4301", "f04341524453594e4302")))
                .body("productName", equalTo(List.of("City transit purse", "Campus card")));
        io.restassured.RestAssured.given().get("/api/portal/products").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
    }

    @Test
    void block_holdsEverythingElse_andRefusesNewChanges() {
        long appId = freshApplication("alice");
        long topUp = paidTopUp("alice", appId, 300);
        long pendingPayment = topUp("alice", appId, 400).statusCode(201).extract().jsonPath().getLong("paymentId");
        post("alice", path(appId, "/block"), "{\"reason\":\"MISLAID\"}").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        JsonPath block = post("alice", path(appId, "/block"), "{\"reason\":\"LOST\"}").statusCode(201).extract().jsonPath();
        assertThat(block.getString("kind")).isEqualTo("BLOCK");
        assertThat(block.getString("state")).isEqualTo("WAITING");
        Map<String, Object> app = application("alice", appId);
        assertThat(app.get("blockRequested")).isEqualTo(true);
        assertThat(changes("alice", appId)).extracting(c -> c.get("id"), c -> c.get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(block.getInt("id"), "WAITING"),
                        org.assertj.core.groups.Tuple.tuple((int) topUp, "ON_HOLD"));
        post("alice", path(appId, "/block"), "{\"reason\":\"STOLEN\"}").statusCode(409).body("code", equalTo("CARD_BLOCKED"));
        topUp("alice", appId, 100).statusCode(409).body("code", equalTo("CARD_BLOCKED"));
        complete("alice", pendingPayment, "PAID").statusCode(409).body("code", equalTo("CARD_BLOCKED"));
        post("alice", path(appId, "/parameters/0"), "{\"value\":\"100\"}").statusCode(409).body("code", equalTo("CARD_BLOCKED"));
        post("alice", path(appId, "/services"), "{\"serviceId\":\"parking\"}").statusCode(409).body("code", equalTo("CARD_BLOCKED"));
        assertThat(changes("alice", appId)).hasSize(2);
        as("helpdesk").get("/api/applications/" + appId + "/audit").then()
                .body("items.findAll { it.kind == 'BLOCK_REQUESTED' }.actor", equalTo(List.of("alice")));
    }

    @Test
    void issuanceWithoutOwner_answersAOneTimeActivationCode() {
        String cardId = randomCardId();
        JsonPath file = as("admin").contentType(ContentType.JSON).body("""
                {"cardId":"%s","applications":[{"aid":"f04341524453594e4301","purseLimit":1000,"balance":0,
                 "pin":"1234","pinTryLimit":3}]}""".formatted(cardId)).post("/api/admin/cards")
                .then().statusCode(201).extract().jsonPath();
        assertThat(file.getString("activationCode")).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        // an owned card gets none
        assertThat(org.cardsync.backend.testsupport.Api.issue(randomCardId(), "bob")).doesNotContain("activationCode");
        // nobody owns the unlinked card
        as("alice").get("/api/portal/cards").then().body("cardId", not(hasItem(cardId)));
        as("admin").contentType(ContentType.JSON).body("""
                {"owner":" ","applications":[{"aid":"f04341524453594e4301","purseLimit":1000,"balance":0,
                 "pin":"1234","pinTryLimit":3}]}""").post("/api/admin/cards").then().statusCode(400);
    }

    @Test
    void agent_saysHowToGetAndStartIt_andTheDownloadIsNotFoundWhenNotConfigured() {
        as("alice").get("/api/portal/agent").then().statusCode(200)
                .body("downloadUrl", equalTo(null))
                .body("startCommand", equalTo("java -jar cardsync-agent.jar run"))
                .body("defaultPort", equalTo(24511))
                .body("packages.size()", equalTo(0));
        io.restassured.RestAssured.get("/downloads/cardsync-agent.jar").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
