package org.cardsync.backend.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.MessageType;
import org.junit.jupiter.api.Test;

/**
 * The audit trail the message path writes in one multi-row statement at commit (audit/AuditBatch), as the helpdesk
 * reads it on the console: every transition with the upstream message that caused it (ARCHITECTURE.md section 4), in
 * order, nothing missing or twice; and nothing at all from a message whose transaction rolls back. The expected trails
 * are written from the protocol (docs/protocol.md sections 4, 8 and 9.1) and the trail docs/architecture.md lists for
 * a session ("The audit trail of a session"), not from a run.
 */
@QuarkusTest
class SessionAuditTrailTest {
    @Inject
    TerminalService terminal;

    /** One row of the trail as the console shows it, without its id, time and human text. */
    record Row(String kind, String actor, String messageType, Long atc, Long ca, Long actionId) {
        static Row of(Map<String, Object> item) {
            return new Row((String) item.get("kind"), (String) item.get("actor"), (String) item.get("messageType"),
                    number(item.get("atc")), number(item.get("ca")), number(item.get("actionId")));
        }

        private static Long number(Object value) {
            return value == null ? null : ((Number) value).longValue();
        }
    }

    private static Row byStaff(String kind, String actor, Long actionId) {
        return new Row(kind, actor, null, null, null, actionId);
    }

    private static Row byMessage(String kind, String type, long atc, long ca, Long actionId) {
        return new Row(kind, "terminal", type, atc, ca, actionId);
    }

    /** The application's whole audit trail on the console, oldest first (the console pages it newest first). */
    private static List<Map<String, Object>> trail(TestTerminal t) {
        List<Map<String, Object>> items = new ArrayList<>(Api.as("helpdesk").queryParam("size", 100)
                .get("/api/applications/" + t.applicationId + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("items"));
        Collections.reverse(items);
        return items;
    }

    @Test
    void cleanSessionOfThreeActions_writesTheExactTrail_inOrder() {
        TestTerminal t = TestTerminal.issue("bob");
        long first = t.credit(10);
        long second = t.credit(20);
        long third = t.credit(30);
        long atc = t.state().atc(); // the card's ATC before the session: each signature adds one (rule 3)

        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).hasSize(3);
        script.forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        accepted("ack", t.cardAck());

        List<Map<String, Object>> trail = trail(t);
        assertThat(trail.stream().map(Row::of).toList()).containsExactly(
                byStaff("CARD_ISSUED", "admin", null),
                byStaff("ACTION_QUEUED", "helpdesk", first),
                byStaff("ACTION_QUEUED", "helpdesk", second),
                byStaff("ACTION_QUEUED", "helpdesk", third),
                // the REQUEST (ATC + 1, CA 0): admitted, nothing in flight to settle, a script of s = 1..3 issued
                byMessage("MESSAGE_ACCEPTED", "REQUEST", atc + 1, 0, null),
                byMessage("SCRIPT_ISSUED", "REQUEST", atc + 1, 0, null),
                // the ACK (ATC + 2, CA 3 = CA at start 0 + 3 executed): each action EXECUTED in sequence order, then
                // the script settled
                byMessage("MESSAGE_ACCEPTED", "ACK", atc + 2, 3, null),
                byMessage("ACTION_EXECUTED", "ACK", atc + 2, 3, first),
                byMessage("ACTION_EXECUTED", "ACK", atc + 2, 3, second),
                byMessage("ACTION_EXECUTED", "ACK", atc + 2, 3, third),
                byMessage("SETTLED", "ACK", atc + 2, 3, null));
        // what the helpdesk reads in the texts: the sequence numbers, the session the script is bound to, the tally
        assertThat(trail.get(5).get("detail")).asString().endsWith("3 actions bound to ATC " + (atc + 1) + ": action "
                + first + " as s=1, action " + second + " as s=2, action " + third + " as s=3");
        assertThat(trail.subList(7, 10).stream().map(e -> e.get("detail")).toList())
                .containsExactly("s=1", "s=2", "s=3");
        assertThat(trail.get(10).get("detail")).asString()
                .contains("settled at CA 3: 3 executed, 0 requeued, 0 cancelled, 0 failed");
    }

    /**
     * A REQUEST the message path handled completely (admitted, settled, a script issued: its audit events queued for
     * the commit), whose transaction then fails: no audit row, and the application, its actions and its scripts as they
     * were; the card's message is still fresh, so the same REQUEST is accepted afterwards.
     */
    @Test
    void aMessageWhoseTransactionRollsBackAfterItsAuditWasQueued_leavesNoAuditRowAndChangesNothing() {
        TestTerminal t = TestTerminal.issue("bob");
        long credit = t.credit(10);
        List<Map<String, Object>> trailBefore = trail(t);
        Map<String, Object> detailBefore = t.detail().getMap("");
        String request = t.cardRequest();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            TerminalOutcome outcome = terminal.receive(MessageType.REQUEST, request, "127.0.0.1");
            assertThat(outcome).as("the message went the whole way").isInstanceOf(TerminalOutcome.Accepted.class);
            throw new IllegalStateException("a failure after the message's audit events were queued");
        })).hasMessageContaining("after the message's audit events were queued");

        assertThat(trail(t)).isEqualTo(trailBefore);
        assertThat(t.detail().getMap("")).isEqualTo(detailBefore);
        assertThat(t.detail().getList("pending.id", Long.class)).containsExactly(credit);

        JsonPath again = accepted("request", request);
        assertThat(again.getList("script.commands")).hasSize(1);
        assertThat(trail(t).stream().map(e -> e.get("kind")).toList()).containsOnlyOnce("MESSAGE_ACCEPTED");
    }
}
