package org.cardsync.backend.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.ResponseApdu;

import static io.restassured.RestAssured.given;

/**
 * The untrusted terminal of the whole-flow tests: the REAL applet on jcardsim, and the backend over REST,
 * with the means to drop, duplicate, replay, reorder and tamper with any message or script command and to
 * pull the card out between any two APDUs.
 */
public final class TestTerminal {
    public static final String AID_HEX = "f04341524453594e4301";

    private final JcardsimCard card = JcardsimCard.blank().install(CardsyncApplet.class, Hex.decode(AID_HEX));
    private final CardClient session = new CardClient(card);
    public final String cardId;
    public final long applicationId;

    private TestTerminal(String cardId, long applicationId, String personalisationApdu) {
        this.cardId = cardId;
        this.applicationId = applicationId;
        select();
        assertThat(send(personalisationApdu).sw()).isEqualTo(0x9000);
    }

    /** Issues a fresh card through the admin API and personalises a simulated card with its file. */
    public static TestTerminal issue(String owner) {
        return issue(owner, java.util.function.UnaryOperator.identity());
    }

    /**
     * Issues a fresh card, but personalises the simulated card with an altered PERSONALISE APDU: a card
     * whose state the server does not know (personalisation carries no MAC; a real bureau is trusted).
     */
    public static TestTerminal issue(String owner, java.util.function.UnaryOperator<byte[]> alterPersonalisation) {
        String cardId = Api.randomCardId();
        JsonPath file = new JsonPath(Api.issue(cardId, owner));
        byte[] apdu = alterPersonalisation.apply(Hex.decode(file.getString("applications[0].apdus[0]")));
        return new TestTerminal(cardId, Api.applicationId(cardId, 0), Hex.encode(apdu));
    }

    /** A simulated card personalised with a personalisation file the admin API answered (e.g. for an unowned card). */
    public static TestTerminal personalise(String personalisationFile) {
        JsonPath file = new JsonPath(personalisationFile);
        String cardId = file.getString("cardId");
        return new TestTerminal(cardId, Api.applicationId(cardId, 0), file.getString("applications[0].apdus[0]"));
    }

    // --- the card side (protocol's CardClient over the real applet on card-sim's jcardsim host) ----------

    /** Sends an APDU as the backend wrote it, unparsed, as a terminal relays it. */
    private ResponseApdu send(String apduHex) {
        return ResponseApdu.of(card.transmit(Hex.decode(apduHex)));
    }

    public void select() {
        assertThat(session.select(Hex.decode(AID_HEX)).sw()).isEqualTo(0x9000);
    }

    /** The card is pulled out and put back: power lost, transient session gone, persistent state kept. */
    public void pullAndReinsert() {
        card.removeAndReinsert();
        select();
    }

    private static String signed(ResponseApdu r, String what) {
        assertThat(r.sw()).as(what + " SW").isEqualTo(0x9000);
        return r.dataHex();
    }

    /** Signs a REQUEST of the given type on the card; returns the message hex. */
    public String cardRequest(TransactionType type, long amount, byte[] challenge) {
        return signed(session.request(type, amount, Hex.decode("11223344"), challenge), "REQUEST");
    }

    public String cardRequest() {
        return cardRequest(TransactionType.SYNC, 0, new byte[16]);
    }

    public String cardAck() {
        return signed(session.ack(), "ACK");
    }

    public String cardInfo() {
        return signed(session.info(), "INFO");
    }

    /** Sends one EXECUTE APDU as the backend produced it; returns the card's status word. */
    public int execute(String apduHex) {
        return send(apduHex).sw();
    }

    public int verifyPin(String pin) {
        return session.verifyPin(pin.getBytes(StandardCharsets.US_ASCII)).sw();
    }

    /** The card's public status (protocol.md section 7). */
    public CardStatus state() {
        return session.status();
    }

    public String parameter(int slot) {
        return signed(session.readParameter(slot), "READ PARAMETER");
    }

    // --- the server side --------------------------------------------------------------------------------

    public static Response post(String endpoint, String messageHex) {
        return given().contentType(ContentType.JSON).body("{\"message\":\"" + messageHex + "\"}")
                .post("/api/terminal/" + endpoint);
    }

    /** Posts a REQUEST that must be accepted and returns the script's EXECUTE APDUs, in order. */
    public static List<String> scriptFor(String requestHex) {
        Response r = post("request", requestHex);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getList("script.commands.apdu", String.class);
    }

    public static JsonPath accepted(String endpoint, String messageHex) {
        Response r = post(endpoint, messageHex);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    public JsonPath detail() {
        return Api.as("helpdesk").get("/api/applications/" + applicationId).then().statusCode(200).extract().jsonPath();
    }

    /** The application's actions in {@code state}, newest first (at most 100). */
    public List<Map<String, Object>> actions(String state) {
        return Api.as("helpdesk").queryParam("state", state).queryParam("size", 100)
                .get("/api/applications/" + applicationId + "/actions").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    /** Every action of the application (at most 100) as "id state s=sequence", newest first: for failure messages. */
    public List<String> actionStates() {
        return Api.as("helpdesk").queryParam("size", 100).get("/api/applications/" + applicationId + "/actions")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .map(a -> a.get("id") + " " + a.get("state") + " s=" + a.get("sequence")).toList();
    }

    /** The kinds of the application's last 100 audit events, oldest first. */
    public List<String> auditKinds() {
        List<String> kinds = new java.util.ArrayList<>(Api.as("helpdesk").queryParam("size", 100)
                .get("/api/applications/" + applicationId + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.kind", String.class));
        java.util.Collections.reverse(kinds);
        return kinds;
    }

    public List<Long> queue(String actionJson) {
        return Api.as("helpdesk").contentType(ContentType.JSON).body(actionJson)
                .post("/api/applications/" + applicationId + "/actions").then().statusCode(201)
                .extract().jsonPath().getList("id", Long.class);
    }

    public long credit(long amount) {
        return queue("{\"type\":\"CREDIT\",\"amount\":" + amount + "}").get(0);
    }

    /** A clean session: REQUEST, every command, ACK. Returns the number of commands run. */
    public int cleanSession() {
        List<String> script = scriptFor(cardRequest());
        for (String c : script) {
            assertThat(execute(c)).isEqualTo(0x9000);
        }
        accepted("ack", cardAck());
        return script.size();
    }

    /** Flips one bit of a hex string. */
    public static String flipBit(String hex, int bit) {
        byte[] b = Hex.decode(hex);
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        return Hex.encode(b);
    }
}
