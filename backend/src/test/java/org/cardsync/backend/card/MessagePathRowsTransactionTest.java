package org.cardsync.backend.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRows;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.script.ScriptRows;
import org.cardsync.backend.script.ScriptStatus;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.Test;

/**
 * The message path's plain-SQL rows refuse to run outside the caller's transaction: there a row lock would end with
 * its statement and every write would commit on its own (rule 7 and exactly-once settlement lost without a sound).
 * Their state guards (settle only a script still IN_FLIGHT, issue only QUEUED actions) are the second line behind the
 * row lock: the tests below play a caller that bypassed the lock while the helpdesk cancels, and check that its stale
 * write rolls back and the helpdesk's cancel stands (rule 8: an action is never run after it was cancelled).
 */
@QuarkusTest
class MessagePathRowsTransactionTest {
    @Inject
    CardApplicationRows applications;
    @Inject
    ScriptRows scripts;
    @Inject
    ActionRows actions;

    @Test
    void lock_outsideATransaction_failsInsteadOfTakingALockThatEndsWithTheStatement() {
        assertThatThrownBy(() -> applications.lock(1L)).isInstanceOf(TransactionalException.class);
    }

    @Test
    void scriptAndActionReads_outsideATransaction_fail() {
        assertThatThrownBy(() -> scripts.inFlight(1L)).isInstanceOf(TransactionalException.class);
        assertThatThrownBy(() -> actions.pendingHead(1L, 4)).isInstanceOf(TransactionalException.class);
    }

    @Test
    void lock_insideATransaction_runs() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> applications.lock(-1L))).isEmpty();
    }

    /**
     * Issuance: a caller read the pending head, then the helpdesk cancelled the action (QUEUED: at once), then the
     * caller issues what it read. Nothing is put in flight; the console shows the action CANCELLED and no script.
     */
    @Test
    void open_ofAnActionTheHelpdeskCancelledAfterItWasRead_issuesNothing_andItStaysCancelled() {
        TestTerminal t = TestTerminal.issue("bob");
        long credit = t.credit(5);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            List<Action> head = actions.pendingHead(t.applicationId, 8);
            assertThat(head).extracting(a -> a.id).containsExactly(credit);
            Api.act("helpdesk", t.applicationId, credit, "cancel").statusCode(200);
            Action stale = head.get(0);
            stale.sequenceNumber = 1L;
            stale.attempts = 1;
            scripts.open(t.applicationId, 0, new byte[16], t.state().atc() + 1, head, Instant.now());
        })).hasStackTraceContaining("issued 0 of 1 actions");

        JsonPath d = t.detail();
        assertThat(d.getString("inFlight")).isNull();
        assertThat(d.getList("pending")).isEmpty();
        assertThat(finished(d, credit)).containsEntry("state", "CANCELLED").containsEntry("sequence", null)
                .containsEntry("attempts", 0);
        // the card's next session gets nothing, and the counters agree (rule 6: CA' = confirmed CA, nothing in flight)
        assertThat(scriptFor(t.cardRequest())).isEmpty();
        assertThat(t.state().ca()).isZero();
        assertThat(t.detail().getLong("confirmedCa")).isZero();
        assertThat(t.auditKinds()).doesNotContain("SCRIPT_ISSUED", "ACTION_EXECUTED", "ACTION_REQUEUED");
    }

    /**
     * Settlement: a caller read the script in flight before the helpdesk asked to cancel its action; the card's next
     * REQUEST (it ran nothing) then settles it with the cancel: CANCELLED. The stale caller would record its own
     * verdict, the action back in the pending list to be resent. The script is no longer IN_FLIGHT, so that write is
     * refused and rolls back: the action stays CANCELLED and is never sent again.
     */
    @Test
    void settled_ofAScriptTheCardsNextMessageSettledWithTheHelpdesksCancel_isRefused_andTheActionStaysCancelled() {
        TestTerminal t = TestTerminal.issue("bob");
        long credit = t.credit(5);
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).hasSize(1);
        String proof = t.cardRequest(); // the command never reached the card: CA 0 proves it did not run

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            ScriptRows.InFlight read = scripts.inFlight(t.applicationId).orElseThrow();
            assertThat(read.actions()).extracting(a -> a.cancelRequested).containsExactly(false);
            Api.act("helpdesk", t.applicationId, credit, "cancel").statusCode(200);
            assertThat(accepted("request", proof).getList("settlement.cancelled", Long.class)).containsExactly(credit);
            Action stale = read.actions().get(0);
            stale.state = ActionState.QUEUED;
            stale.sequenceNumber = null;
            stale.scriptId = null;
            stale.updatedAt = Instant.now();
            Script s = read.script();
            s.status = ScriptStatus.SETTLED;
            s.settledAt = Instant.now();
            s.settledCa = 0L;
            scripts.settled(s, read.actions());
        })).hasStackTraceContaining("was no longer in flight");

        JsonPath d = t.detail();
        assertThat(d.getString("inFlight")).isNull();
        assertThat(d.getList("pending")).isEmpty();
        assertThat(finished(d, credit)).containsEntry("state", "CANCELLED").containsEntry("cancelRequested", true);
        assertThat(t.execute(script.get(0))).as("the cancelled command can no longer run").isEqualTo(0x6A90);
        assertThat(scriptFor(t.cardRequest())).as("nor is it sent again").isEmpty();
        assertThat(t.state().ca()).isZero();
        assertThat(t.detail().getLong("confirmedCa")).isZero();
        assertThat(t.auditKinds()).doesNotContain("ACTION_EXECUTED", "ACTION_REQUEUED")
                .containsOnlyOnce("ACTION_CANCELLED");
    }

    /** The action as the console's detail shows it among the finished ones. */
    private static Map<String, Object> finished(JsonPath detail, long actionId) {
        return detail.<Map<String, Object>>getList("recent").stream()
                .filter(a -> ((Number) a.get("id")).longValue() == actionId).findFirst().orElseThrow();
    }
}
