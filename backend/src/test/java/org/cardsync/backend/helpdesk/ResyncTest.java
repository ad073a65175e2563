package org.cardsync.backend.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.post;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.Portal;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.LifeCycleState;
import org.junit.jupiter.api.Test;

/**
 * Resync (docs/protocol.md "Freeze, unfreeze and resync"): a frozen application's confirmed CA becomes the CA its
 * card last signed, the script in flight ends with its actions FAILED (outcome unknown), the queued ones are issued
 * from the new CA, and the next session runs.
 */
@QuarkusTest
class ResyncTest {
    @Inject
    EntityManager entities;

    private static ValidatableResponse act(long appId, String act, String body) {
        return as("helpdesk").contentType(ContentType.JSON).body(body).post("/api/applications/" + appId + "/" + act)
                .then();
    }

    private void sql(String statement, long appId) {
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(statement)
                .setParameter("app", appId).executeUpdate());
    }

    @Test
    void aCounterAnomaly_isResyncedToWhatTheCardSigned_andTheNextSessionRuns() {
        // a card that already counts 5 actions the server never issued (PERSONALISE data offset 49: initial CA)
        TestTerminal t = TestTerminal.issue("bob", apdu -> {
            apdu[5 + 49 + 3] = 5;
            return apdu;
        });
        long credit7 = t.credit(7);
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        JsonPath frozen = t.detail();
        assertThat(frozen.getString("status")).isEqualTo("FROZEN");
        assertThat(frozen.getLong("frozen.signedCa")).isEqualTo(5);
        assertThat(frozen.getString("frozen.reason")).contains("signed CA 5");
        assertThat(frozen.getString("frozen.since")).isNotNull();
        assertThat(frozen.getString("lastMessageAt")).isNotNull();
        long credit8 = t.credit(8);

        // the card counts 5 actions the record cannot identify: the CREDIT 7 queued before the freeze may be one of
        // them (as after a restored database), so it is not sent; the CREDIT 8 queued while frozen cannot be
        act(t.applicationId, "resync", "{\"comment\":\"card replaced its counter after a repair, ticket 88\"}")
                .statusCode(200).body("status", equalTo("ACTIVE")).body("confirmedCa", equalTo(5))
                .body("frozen", equalTo(null)).body("pending.summary", equalTo(List.of("CREDIT 8")));
        assertThat(t.actions("FAILED")).singleElement().satisfies(a -> assertThat(a).containsEntry("id", (int) credit7)
                .containsEntry("reason", "outcome unknown after a counter resync: the card ran 5 actions this server"
                        + " has no record of (a restored database?); check the card before retrying"));
        List<Map<String, Object>> audit = as("helpdesk").get("/api/applications/" + t.applicationId + "/audit").then()
                .extract().jsonPath().getList("items");
        assertThat(audit.get(0)).containsEntry("kind", "APPLICATION_RESYNCED").containsEntry("actor", "helpdesk")
                .containsEntry("comment", "card replaced its counter after a repair, ticket 88");
        assertThat((String) audit.get(0).get("detail")).startsWith("CA 0 → 5");

        assertThat(t.cleanSession()).as("the queued credit is issued from the new CA").isEqualTo(1);
        assertThat(t.state().ca()).isEqualTo(6);
        assertThat(t.state().balance()).isEqualTo(1008);
        assertThat(t.actions("EXECUTED")).singleElement().satisfies(a -> assertThat(a).containsEntry("id", (int) credit8)
                .containsEntry("sequence", 6));
        assertThat(t.detail().getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void theScriptInFlight_endsWithItsActionsFailed_andTheQueuedOnesAreIssuedFromTheNewCa() {
        TestTerminal t = TestTerminal.issue("bob");
        long inFlight = t.credit(1);
        assertThat(scriptFor(t.cardRequest())).hasSize(1);
        long queued = t.credit(2);
        // the server believes the card confirmed CA 2 (as after a database restored from the wrong backup): the
        // card's next message, at CA 0, is a counter anomaly and freezes the application with the script in flight
        sql("update card_application set confirmed_ca = 2 where id = :app", t.applicationId);
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        assertThat(t.detail().getLong("inFlight.actions[0].id")).isEqualTo(inFlight);

        JsonPath d = act(t.applicationId, "resync", "{}").statusCode(200).extract().jsonPath();
        assertThat(d.getLong("confirmedCa")).isZero();
        assertThat(d.getString("inFlight")).isNull();
        assertThat(d.getList("pending.id", Long.class)).containsExactly(queued);
        Map<String, Object> failed = d.getMap("recent[0]");
        assertThat(failed).containsEntry("id", (int) inFlight).containsEntry("state", "FAILED")
                .containsEntry("reason", "outcome unknown after a counter resync: check the card before retrying");

        assertThat(t.cleanSession()).isEqualTo(1);
        assertThat(t.state().balance()).as("only the queued credit ran").isEqualTo(1002);
        assertThat(t.actions("EXECUTED")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("id", (int) queued).containsEntry("sequence", 1));
        assertThat(t.actions("FAILED")).singleElement().satisfies(a -> assertThat(a).containsEntry("id", (int) inFlight));
    }

    @Test
    void aBlockTheCustomerAskedFor_staysTheOnlyActionIssued_afterAResyncEndsItsScript() {
        TestTerminal t = TestTerminal.issue("alice");
        long credit = t.credit(5);
        Portal.post("alice", "/api/portal/applications/" + t.applicationId + "/block", "{\"reason\":\"STOLEN\"}")
                .statusCode(201);
        assertThat(scriptFor(t.cardRequest())).as("nothing but the BLOCK").hasSize(1);
        long block = t.detail().getLong("inFlight.actions[0].id");
        // a counter anomaly (the server believes CA 2, as after a wrong restore) freezes it with the BLOCK in flight
        sql("update card_application set confirmed_ca = 2 where id = :app", t.applicationId);
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");

        JsonPath d = act(t.applicationId, "resync", "{}").statusCode(200).extract().jsonPath();
        assertThat(d.getList("pending.id", Long.class)).as("the block is back at the head").containsExactly(block, credit);

        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).as("the thief's card still gets nothing but the BLOCK").hasSize(1);
        assertThat(t.detail().getList("inFlight.actions.id", Long.class)).containsExactly(block);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        accepted("ack", t.cardAck());
        assertThat(t.state().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(t.state().balance()).as("the top-up never ran").isEqualTo(1000);
    }

    @Test
    void aResyncBackwards_namesTheExecutedActionsTheCardsSignedCounterNowContradicts() {
        TestTerminal t = TestTerminal.issue("bob");
        long ran = t.credit(1);
        assertThat(t.cleanSession()).isEqualTo(1);
        // damaged state: the server records the credit as run at s=3 and believes CA 3; the card signed CA 1
        sql("update action set sequence_number = 3 where application_id = :app", t.applicationId);
        sql("update card_application set confirmed_ca = 3 where id = :app", t.applicationId);
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");

        // the card signed only the freezing message: that is enough to resync to it
        act(t.applicationId, "resync", "{}").statusCode(200).body("confirmedCa", equalTo(1));
        String detail = as("helpdesk").get("/api/applications/" + t.applicationId + "/audit").then().extract()
                .jsonPath().getString("items[0].detail");
        assertThat(detail).startsWith("CA 3 → 1").contains("contradicted").contains("#" + ran + " CREDIT s=3");
    }

    @Test
    void resync_isRefused_whenNoFreezingMessageIsOnRecord_evenIfTheCardSignedBefore() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        assertThat(t.cleanSession()).isEqualTo(1);
        // frozen by hand, with no freezing message: the card's signature from before must not pass for a fresh one
        sql("update card_application set status = 'FROZEN', frozen_reason = 'test' where id = :app", t.applicationId);
        act(t.applicationId, "resync", "{}").statusCode(409).body("code", equalTo("INVALID_STATE"))
                .body("message", containsString("has not signed a message since the freeze"));
    }

    @Test
    void resync_isRefused_whenTheCardsLastSignatureHasNoActionChain_sayingSo() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        sql("update card_application set confirmed_ca = 2 where id = :app", t.applicationId);
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        // as for a message verified before V7 kept the chain the card signed
        sql("update card_application set signed_chain = null where id = :app", t.applicationId);
        act(t.applicationId, "resync", "{}").statusCode(409).body("code", equalTo("INVALID_STATE"))
                .body("message", containsString("predates the action chain"))
                .body("message", containsString("let the card report once"));
        as("helpdesk").get("/api/applications/" + t.applicationId).then().body("status", equalTo("FROZEN"));
    }

    @Test
    void resync_isRefused_unlessFrozenWithSomethingTheCardSignedSince() {
        long appId = Api.issueCard(Api.randomCardId(), "bob");
        act(appId, "resync", "{}").statusCode(409).body("code", equalTo("INVALID_STATE"))
                .body("message", equalTo("the card application is not frozen"));
        // frozen while the card never signed anything: there is no CA to resync to
        sql("update card_application set status = 'FROZEN', frozen_reason = 'test' where id = :app", appId);
        act(appId, "resync", "{\"comment\":\"try\"}").statusCode(409).body("code", equalTo("INVALID_STATE"))
                .body("message", containsString("has not signed a message since the freeze"));
        as("helpdesk").get("/api/applications/" + appId).then().body("status", equalTo("FROZEN"));
        // unfreeze needs no comment any more
        act(appId, "unfreeze", "{}").statusCode(200).body("status", equalTo("ACTIVE"));
        as("helpdesk").get("/api/applications/" + appId + "/audit").then()
                .body("items[0].kind", equalTo("APPLICATION_UNFROZEN")).body("items[0].comment", equalTo(null));
        act(appId, "unfreeze", "{}").statusCode(409).body("code", equalTo("INVALID_STATE"));
    }
}
