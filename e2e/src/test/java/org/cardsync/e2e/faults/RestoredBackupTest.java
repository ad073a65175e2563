package org.cardsync.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.cardsync.e2e.OperatorApi;
import org.cardsync.e2e.SimulatedTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 4, end to end: a database restored from a backup while a card session was open. The server's records
 * are then older than the card: the card ran a script the restored database never issued. The card's REQUEST is
 * fresh for the restored database, so the server issues a second, different script for the same session, and the
 * card's ACK then reports one action executed in that session. The server must see that the ACK's action chain does
 * not match the script it issued (FAULTS-CONTRACT section 2): freeze the application with alert REPORT_MISMATCH and
 * record nothing of the second script as executed. Before the action chain (main as of issue 11) the server records
 * the second script's action as executed: money the card never received.
 */
class RestoredBackupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerFleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void databaseRestoredWhileASessionWasOpen_secondScriptForTheSession_isNotRecordedAsExecuted_andFreezes()
            throws Exception {
        fleet = ServerFleet.start("restore", 1);
        OperatorApi admin = new OperatorApi(fleet.baseUrl(0), "admin");
        byte[] id = new byte[8];
        new Random().nextBytes(id);
        JsonNode file = admin.issueCard(HexFormat.of().formatHex(id), "bob");
        String cardId = file.path("cardId").asText();
        SimulatedTerminal card = new SimulatedTerminal(file);
        long applicationId = admin.applicationId(cardId, SimulatedTerminal.AID);
        long first = admin.queueCredit(applicationId, 250);

        // the operator's nightly backup, taken with the backend stopped
        fleet.stopBackends();
        superuser("create database cardsync_backup template cardsync");
        fleet.startBackends();

        // a session: the server issues script 1 (the CREDIT 250) and the card runs it; the ACK is not sent yet
        String request = card.request();
        SimulatedTerminal.Answer issued = card.post(fleet.baseUrl(0), "request", request);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        List<String> script1 = issued.scriptApdus();
        assertThat(script1).hasSize(1);
        assertThat(card.execute(script1)).containsExactly(0x9000);

        // the database is restored from the backup while the card's session is open
        fleet.stopBackends();
        superuser("drop database cardsync");
        superuser("create database cardsync owner cardsync template cardsync_backup");
        fleet.startBackends();

        // the restored server still has the CREDIT 250 queued; the helpdesk replaces it with a CREDIT 7
        OperatorApi helpdesk = new OperatorApi(fleet.baseUrl(0), "helpdesk");
        assertThat(helpdesk.actionState(applicationId, first)).isEqualTo("QUEUED");
        helpdesk.cancelQueued(applicationId);
        long second = helpdesk.queueCredit(applicationId, 7);

        // the card's REQUEST is fresh for the restored database: a second, different script for the same session
        SimulatedTerminal.Answer reissued = card.post(fleet.baseUrl(0), "request", request);
        assertThat(reissued.status()).as(reissued.body().toString()).isEqualTo(200);
        assertThat(reissued.body().path("script").path("sessionAtc").asLong())
                .isEqualTo(issued.body().path("script").path("sessionAtc").asLong());
        assertThat(reissued.body().path("script").path("commands").get(0).path("actionId").asLong()).isEqualTo(second);
        List<String> script2 = reissued.scriptApdus();
        assertThat(script2).isNotEqualTo(script1);
        // the card refuses it (its sequence number is already applied) and signs its ACK: one action executed in
        // the session, which was the CREDIT 250
        assertThat(card.execute(script2)).doesNotContain(0x9000);
        SimulatedTerminal.Answer ack = card.post(fleet.baseUrl(0), "ack", card.ack());

        assertThat(card.balance()).as("the card's truth").isEqualTo(1000 + 250);
        assertThat(helpdesk.actionState(applicationId, second))
                .as("the CREDIT 7 never ran on the card (ACK answered " + ack.status() + " " + ack.body() + ")")
                .isNotEqualTo("EXECUTED");
        assertThat(helpdesk.actionState(applicationId, first)).as("nothing settles the cancelled CREDIT 250 either")
                .isEqualTo("CANCELLED");
        JsonNode detail = helpdesk.application(applicationId);
        assertThat(detail.path("status").asText()).as(detail.toString()).isEqualTo("FROZEN");
        HttpResponse<String> alerts = helpdesk.tryGet("/api/alerts?kind=REPORT_MISMATCH&q=" + cardId);
        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(JSON.readTree(alerts.body()).path("items")).as("an open REPORT_MISMATCH alert for the card")
                .anySatisfy(alert -> assertThat(alert.path("kind").asText()).isEqualTo("REPORT_MISMATCH"));
    }

    /** What an operator does in psql as the superuser, connected to the maintenance database. */
    private void superuser(String sql) throws Exception {
        try (Connection db = fleet.database().connectAsSuperuser("postgres"); Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
