package org.cardsync.backend.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.cardsync.backend.testsupport.Portal.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.junit.jupiter.api.Test;

/**
 * Linking an unowned card: the real applet signs an AUTHENTICATE over a fresh server challenge, the customer adds
 * the activation code from the card's letter. Every failure is the same ACTIVATION_FAILED.
 */
@QuarkusTest
class CardLinkTest {
    private static final String AID = TestTerminal.AID_HEX;
    private static final String FAILED = "The card could not be linked. Check the activation code and try again with "
            + "the card in the reader.";

    private static String issueUnowned() {
        return as("admin").contentType(ContentType.JSON).body("""
                {"cardId":"%s","applications":[{"aid":"%s","purseLimit":100000,"balance":1000,
                 "pin":"1234","pinTryLimit":3}]}""".formatted(randomCardId(), AID))
                .post("/api/admin/cards").then().statusCode(201).extract().asString();
    }

    /** The card's AUTHENTICATE REQUEST over a fresh challenge from the terminal API, as the page gets it. */
    private static String authenticate(TestTerminal card) {
        String challenge = given().contentType(ContentType.JSON).body("{}").post("/api/terminal/challenge")
                .then().statusCode(200).extract().jsonPath().getString("challenge");
        return card.cardRequest(TransactionType.AUTHENTICATE, 0, Hex.decode(challenge));
    }

    private static ValidatableResponse link(String user, String cardId, String message, String code) {
        return post(user, "/api/portal/cards/link", """
                {"cardId":"%s","aid":"%s","message":"%s","activationCode":"%s"}""".formatted(cardId, AID, message, code));
    }

    private static void refused(ValidatableResponse r) {
        r.statusCode(403).body("code", equalTo("ACTIVATION_FAILED")).body("message", equalTo(FAILED));
    }

    @Test
    void link_withTheCardsFreshProofAndItsCode_makesTheCustomerTheOwner() {
        String file = issueUnowned();
        String code = JsonPath.from(file).getString("activationCode");
        TestTerminal card = TestTerminal.personalise(file);

        refused(link("alice", card.cardId, authenticate(card), "AAAA-BBBB-CCCC"));
        // a challenge the server never issued (zeros), and a SYNC instead of an AUTHENTICATE
        refused(link("alice", card.cardId, card.cardRequest(TransactionType.AUTHENTICATE, 0, new byte[16]), code));
        refused(link("alice", card.cardId, card.cardRequest(), code));
        // a proof of this card named as another card
        refused(link("alice", randomCardId(), authenticate(card), code));
        as("alice").get("/api/portal/cards").then().body("cardId", not(hasItem(card.cardId)));

        String proof = authenticate(card);
        JsonPath linked = link("alice", card.cardId, proof, code.toLowerCase()).statusCode(200).extract().jsonPath();
        assertThat(linked.getString("cardId")).isEqualTo(card.cardId);
        assertThat(linked.getString("applications[0].productName")).isEqualTo("City transit purse");
        as("alice").get("/api/portal/cards").then().body("cardId", hasItem(card.cardId));

        // the same proof again, and the code with a new proof for another customer: the card stays alice's
        refused(link("alice", card.cardId, proof, code));
        refused(link("bob", card.cardId, authenticate(card), code));
        as("bob").get("/api/portal/cards").then().body("cardId", not(hasItem(card.cardId)));
        as("helpdesk").get("/api/applications/" + card.applicationId + "/audit").then()
                .body("items.findAll { it.kind == 'CARD_LINKED' }.actor", equalTo(java.util.List.of("alice")));

        // the card's next message settles as usual: its ATC was recorded, nothing was left in flight
        org.cardsync.backend.testsupport.Portal.paidTopUp("alice", card.applicationId, 500);
        assertThat(card.cleanSession()).isEqualTo(1);
        assertThat(card.state().balance()).isEqualTo(1500);
    }

    @Test
    void link_withAClonesProof_behindTheConfirmedCounter_freezesTheApplication_andLinksNothing() {
        String file = issueUnowned();
        String code = JsonPath.from(file).getString("activationCode");
        TestTerminal card = TestTerminal.personalise(file);
        TestTerminal clone = TestTerminal.personalise(file); // a copy of the card as it was personalised
        card.credit(100);
        assertThat(card.cleanSession()).isEqualTo(1); // the real card's applied-actions counter moves on
        for (int i = 0; i < 5; i++) {
            clone.cardRequest(); // signed and thrown away: the clone's transaction counter gets ahead of the card's
        }

        // the clone's MAC is valid and its ATC new, but its CA is below the confirmed one: rule 6's anomaly
        refused(link("alice", clone.cardId, authenticate(clone), code));
        as("alice").get("/api/portal/cards").then().body("cardId", not(hasItem(card.cardId)));
        JsonPath detail = card.detail();
        assertThat(detail.getString("status")).isEqualTo("FROZEN");
        assertThat(detail.getList("alerts.kind", String.class)).contains("COUNTER_ANOMALY");
        // frozen, it proves nothing even for the real card, until the helpdesk has looked
        refused(link("alice", card.cardId, authenticate(card), code));
    }

    @Test
    void link_afterTooManyWrongCodes_failsEvenWithTheRightOne() {
        String file = issueUnowned();
        String code = JsonPath.from(file).getString("activationCode");
        TestTerminal card = TestTerminal.personalise(file);
        for (int i = 0; i < 5; i++) {
            refused(link("bob", card.cardId, authenticate(card), "ZZZZ-ZZZZ-ZZZ" + (i + 2)));
        }
        refused(link("bob", card.cardId, authenticate(card), code));
        as("bob").get("/api/portal/cards").then().body("cardId", not(hasItem(card.cardId)));
    }

    @Test
    void link_withoutAValidShape_isAnInvalidRequest() {
        post("alice", "/api/portal/cards/link", "{\"cardId\":\"xyz\",\"aid\":\"" + AID + "\",\"message\":\"00\","
                + "\"activationCode\":\"A\"}").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        refused(link("alice", randomCardId(), "0011", "AAAA-BBBB-CCCC"));
    }
}
