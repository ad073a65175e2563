package org.cardsync.backend.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.post;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.testsupport.Portal;
import org.cardsync.backend.testsupport.RestoredRows;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.LifeCycleState;
import org.junit.jupiter.api.Test;

/**
 * A database restored from a backup is behind the card: actions QUEUED in the backup that the card ran since are
 * QUEUED again. The card's next message freezes the application; the resync must not send them again (rule 8), but
 * end them as FAILED for a person to check, keep what was queued after the freeze and keep the customer's BLOCK
 * first (docs/protocol.md "Freeze, unfreeze and resync"). Whole flow through the API with the real applet.
 */
@QuarkusTest
class ResyncAfterRestoreTest {
    private static final long INITIAL_BALANCE = 1000;

    @Inject
    EntityManager entities;

    private static JsonPath resync(TestTerminal t, String comment) {
        return as("helpdesk").contentType(ContentType.JSON).body("{\"comment\":\"" + comment + "\"}")
                .post("/api/applications/" + t.applicationId + "/resync").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> audit(TestTerminal t) {
        return as("helpdesk").queryParam("size", 100).get("/api/applications/" + t.applicationId + "/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    /** The card ran the queued {@code credit}, then the server's rows are restored from before: CREDIT QUEUED again. */
    private void runThenRestore(TestTerminal t, long credit) {
        RestoredRows backup = RestoredRows.backup(entities, t.applicationId);
        assertThat(t.cleanSession()).isEqualTo(1);
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 250);
        backup.restore();
        assertThat(t.actions("QUEUED")).extracting(a -> ((Number) a.get("id")).longValue())
                .as("the restored record queues the credit the card already ran").contains(credit);
    }

    private static void assertFrozenByTheNextRequest(TestTerminal t) {
        Response r = post("request", t.cardRequest());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
        assertThat(r.jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        assertThat(t.detail().getString("status")).isEqualTo("FROZEN");
    }

    @Test
    void aCreditTheCardRanBeforeTheRestore_isFailedByTheResync_notSentTwice() {
        TestTerminal t = TestTerminal.issue("bob");
        long credit250 = t.credit(250);
        runThenRestore(t, credit250);
        assertFrozenByTheNextRequest(t);
        // queued while frozen: no script was issued since, so the card cannot have run it
        long credit3 = t.credit(3);

        JsonPath resynced = resync(t, "restored database, ticket 12");
        assertThat(resynced.getString("status")).isEqualTo("ACTIVE");
        assertThat(resynced.getLong("confirmedCa")).isEqualTo(1);
        assertThat(resynced.getList("pending.id", Long.class)).as("only what was queued after the freeze")
                .containsExactly(credit3);
        assertThat(t.actions("FAILED")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("id", (int) credit250)
                .containsEntry("reason", "outcome unknown after a counter resync: the card ran 1 action this server"
                        + " has no record of (a restored database?); check the card before retrying"));
        List<Map<String, Object>> trail = audit(t);
        assertThat(trail.get(0)).containsEntry("kind", "APPLICATION_RESYNCED")
                .containsEntry("comment", "restored database, ticket 12");
        assertThat((String) trail.get(0).get("detail")).startsWith("CA 0 → 1")
                .contains("the card ran 1 action this server has no record of").contains("#" + credit250 + " CREDIT")
                .doesNotContain("#" + credit3 + " ");
        assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("kind", "ACTION_FAILED")
                .containsEntry("actor", "helpdesk").containsEntry("actionId", (int) credit250));

        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).as("the CREDIT 3, never the CREDIT 250 again").hasSize(1);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        accepted("ack", t.cardAck());
        assertThat(t.state().balance()).as("the 250 once, then the 3").isEqualTo(INITIAL_BALANCE + 250 + 3);
        assertThat(t.state().ca()).isEqualTo(2);
        assertThat(t.actions("EXECUTED")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("id", (int) credit3).containsEntry("sequence", 2));
        assertThat(t.actions("FAILED")).extracting(a -> ((Number) a.get("id")).longValue()).containsExactly(credit250);
        assertThat(t.detail().getString("status")).isEqualTo("ACTIVE");
        assertThat(t.detail().getLong("confirmedCa")).isEqualTo(2);
        assertThat(t.cleanSession()).as("nothing is left to send").isZero();
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 253);
    }

    @Test
    void aBlockTheCustomerAskedForBeforeTheFreeze_isStillSentFirst_andAlone() {
        TestTerminal t = TestTerminal.issue("alice");
        long credit250 = t.credit(250);
        runThenRestore(t, credit250);
        // the customer reports the card stolen on the restored server, before the card's next message
        Portal.post("alice", "/api/portal/applications/" + t.applicationId + "/block", "{\"reason\":\"STOLEN\"}")
                .statusCode(201);
        long block = t.actions("QUEUED").stream().filter(a -> "BLOCK".equals(a.get("type")))
                .map(a -> ((Number) a.get("id")).longValue()).findFirst().orElseThrow();
        assertFrozenByTheNextRequest(t);

        JsonPath resynced = resync(t, "restored database");
        assertThat(resynced.getList("pending.id", Long.class)).as("the block stays, the credit the card ran does not")
                .containsExactly(block);
        assertThat(t.actions("FAILED")).extracting(a -> ((Number) a.get("id")).longValue()).containsExactly(credit250);

        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).as("nothing but the BLOCK").hasSize(1);
        assertThat(t.detail().getList("inFlight.actions.id", Long.class)).containsExactly(block);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        accepted("ack", t.cardAck());
        assertThat(t.state().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(t.state().balance()).as("the 250 once").isEqualTo(INITIAL_BALANCE + 250);
    }

    @Test
    void aChainTheRecordDoesNotGiveForTheCardsCa_failsTheActionsQueuedBeforeTheFreeze() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        assertThat(t.cleanSession()).isEqualTo(1);
        long credit9 = t.credit(9);
        // the record's chain at CA 1 is not the card's: the card ran another first action than the one on record
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("update card_application set"
                + " confirmed_chain = decode('00000000000000000000000000000001', 'hex') where id = :app")
                .setParameter("app", t.applicationId).executeUpdate());
        Response r = post("request", t.cardRequest());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
        assertThat(t.detail().getString("status")).isEqualTo("FROZEN");

        JsonPath resynced = resync(t, "report mismatch");
        assertThat(resynced.getLong("confirmedCa")).as("level with the card").isEqualTo(1);
        assertThat(resynced.getList("pending")).isEmpty();
        assertThat(t.actions("FAILED")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("id", (int) credit9)
                .containsEntry("reason", "outcome unknown after a counter resync: the card ran actions this server has"
                        + " no record of (a restored database?); check the card before retrying"));
        assertThat(t.cleanSession()).isZero();
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 1);
    }
}
