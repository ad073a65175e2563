package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Portal.application;
import static org.cardsync.backend.testsupport.Portal.changes;
import static org.cardsync.backend.testsupport.Portal.paidTopUp;
import static org.cardsync.backend.testsupport.Portal.post;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.LifeCycleState;
import org.junit.jupiter.api.Test;

/** The portal's changes carried to the real applet on jcardsim by the terminal API, as the page's sync does. */
@QuarkusTest
class PortalFlowTest {

    @Test
    void topUp_paidThenSynchronised_changesTheBalanceOnTheCard() {
        TestTerminal card = TestTerminal.issue("alice");
        long change = paidTopUp("alice", card.applicationId, 2500);
        assertThat(card.cleanSession()).isEqualTo(1);
        assertThat(card.state().balance()).as("balance on the card").isEqualTo(1000 + 2500);
        Map<String, Object> app = application("alice", card.applicationId);
        assertThat(app.get("balance")).isEqualTo(3500);
        assertThat(app.get("pendingTopUps")).isEqualTo(0);
        assertThat(changes("alice", card.applicationId)).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", (int) change).containsEntry("state", "APPLIED");
            assertThat(c.get("settledAt")).isNotNull();
        });
    }

    @Test
    void parameterAndService_reachTheCardAndShowAsCurrent() {
        TestTerminal card = TestTerminal.issue("alice");
        post("alice", "/api/portal/applications/" + card.applicationId + "/parameters/0", "{\"value\":\"5000\"}")
                .statusCode(201);
        post("alice", "/api/portal/applications/" + card.applicationId + "/services", "{\"serviceId\":\"library\"}")
                .statusCode(201);
        assertThat(card.cleanSession()).isEqualTo(3);
        assertThat(card.parameter(0)).isEqualTo("1388");
        assertThat(card.state().applications()).singleElement()
                .satisfies(a -> assertThat(a.appId()).isEqualTo(3));
        Map<String, Object> app = application("alice", card.applicationId);
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) app.get("parameters");
        assertThat(parameters.get(0)).containsEntry("value", "5000").containsEntry("pendingValue", null);
        assertThat((List<Map<String, Object>>) app.get("services")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("serviceId", "library").containsEntry("state", "ACTIVE"));
        assertThat(changes("alice", card.applicationId)).extracting(c -> c.get("state")).containsOnly("APPLIED");
    }

    @Test
    void block_isTheOnlyActionIssued_andTheRestWaitsOnHold() {
        TestTerminal card = TestTerminal.issue("alice");
        paidTopUp("alice", card.applicationId, 300);
        post("alice", "/api/portal/applications/" + card.applicationId + "/parameters/1", "{\"value\":\"de\"}")
                .statusCode(201);
        post("alice", "/api/portal/applications/" + card.applicationId + "/block", "{\"reason\":\"STOLEN\"}")
                .statusCode(201);
        List<String> script = scriptFor(card.cardRequest());
        assertThat(script).as("nothing but the BLOCK").hasSize(1);
        assertThat(card.detail().getList("inFlight.actions.type", String.class)).containsExactly("BLOCK");
        assertThat(card.execute(script.get(0))).isEqualTo(0x9000);
        accepted("ack", card.cardAck());
        assertThat(card.state().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(card.state().balance()).as("the top-up did not run").isEqualTo(1000);
        assertThat(scriptFor(card.cardRequest())).as("a blocked card is sent nothing").isEmpty();
        Map<String, Object> app = application("alice", card.applicationId);
        assertThat(app.get("status")).isEqualTo("BLOCKED");
        assertThat(changes("alice", card.applicationId)).extracting(c -> c.get("kind"), c -> c.get("state"))
                .as("unsettled first, then settled; newest first in each")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SET_PARAMETER", "ON_HOLD"),
                        org.assertj.core.groups.Tuple.tuple("TOP_UP", "ON_HOLD"),
                        org.assertj.core.groups.Tuple.tuple("BLOCK", "APPLIED"));
    }

    @Test
    void block_whileAScriptIsInFlight_settlesItByTheRulesThenSendsOnlyTheBlock() {
        TestTerminal card = TestTerminal.issue("alice");
        paidTopUp("alice", card.applicationId, 100);
        paidTopUp("alice", card.applicationId, 200);
        List<String> script = scriptFor(card.cardRequest());
        assertThat(script).hasSize(2);
        assertThat(card.execute(script.get(0))).isEqualTo(0x9000);
        post("alice", "/api/portal/applications/" + card.applicationId + "/block", "{\"reason\":\"LOST\"}")
                .statusCode(201);
        card.pullAndReinsert(); // the second top-up never ran
        var next = accepted("request", card.cardRequest());
        assertThat(next.getList("settlement.executed")).hasSize(1);
        assertThat(next.getList("settlement.requeued")).hasSize(1);
        assertThat(next.getList("script.commands.type", String.class)).containsExactly("BLOCK");
        assertThat(next.getBoolean("script.morePending")).isFalse();
        assertThat(card.state().balance()).isEqualTo(1100);
    }
}
