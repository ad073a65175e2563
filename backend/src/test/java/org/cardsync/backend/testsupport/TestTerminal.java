package org.cardsync.backend.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.utils.AIDUtil;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javacard.framework.AID;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.protocol.Apdus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;

import static io.restassured.RestAssured.given;

/**
 * The untrusted terminal of the whole-flow tests: the REAL applet on jcardsim, and the backend over REST,
 * with the means to drop, duplicate, replay, reorder and tamper with any message or script command and to
 * pull the card out between any two APDUs.
 */
public final class TestTerminal {
    public static final String AID_HEX = "f04341524453594e4301";

    private final CardSimulator card = new CardSimulator();
    private final AID aid = AIDUtil.create(AID_HEX);
    public final String cardId;
    public final long applicationId;

    private TestTerminal(String cardId, long applicationId, String personalisationApdu) {
        this.cardId = cardId;
        this.applicationId = applicationId;
        card.installApplet(aid, CardsyncApplet.class);
        select();
        assertThat(sw(transmit(Hex.decode(personalisationApdu)))).isEqualTo(0x9000);
    }

    /** Issues a fresh card through the admin API and personalises a simulated card with its file. */
    public static TestTerminal issue(String owner) {
        String cardId = Api.randomCardId();
        JsonPath file = new JsonPath(Api.issue(cardId, owner));
        return new TestTerminal(cardId, Api.applicationId(cardId, 0), file.getString("applications[0].apdus[0]"));
    }

    // --- the card side ---------------------------------------------------------------------------------

    public byte[] transmit(byte[] apdu) {
        return card.transmitCommand(apdu);
    }

    public static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    private static String dataHex(byte[] response) {
        return Hex.encode(Arrays.copyOf(response, response.length - 2));
    }

    public void select() {
        assertThat(sw(transmit(Apdus.select(Hex.decode(AID_HEX))))).isEqualTo(0x9000);
    }

    /** The card is pulled out and put back: power lost, transient session gone, persistent state kept. */
    public void pullAndReinsert() {
        card.reset();
        select();
    }

    /** Signs a REQUEST of the given type on the card; returns the message hex. */
    public String cardRequest(TransactionType type, long amount, byte[] challenge) {
        byte[] data = ByteBuffer.allocate(25).put((byte) type.code()).putInt((int) amount).putInt(0x11223344)
                .put(challenge).array();
        byte[] r = transmit(Apdus.command(0x80, Apdus.INS_REQUEST, 0, 0, data));
        assertThat(sw(r)).as("REQUEST SW").isEqualTo(0x9000);
        return dataHex(r);
    }

    public String cardRequest() {
        return cardRequest(TransactionType.SYNC, 0, new byte[16]);
    }

    public String cardAck() {
        byte[] r = transmit(Apdus.commandExpectingData(0x80, Apdus.INS_ACK, 0, 0));
        assertThat(sw(r)).as("ACK SW").isEqualTo(0x9000);
        return dataHex(r);
    }

    public String cardInfo() {
        byte[] r = transmit(Apdus.commandExpectingData(0x80, Apdus.INS_INFO, 0, 0));
        assertThat(sw(r)).as("INFO SW").isEqualTo(0x9000);
        return dataHex(r);
    }

    public int execute(String apduHex) {
        return sw(transmit(Hex.decode(apduHex)));
    }

    public int verifyPin(String pin) {
        return sw(transmit(Apdus.command(0x00, 0x20, 0x00, 0x80, pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    /** The card's public status (protocol.md section 7): CA, ATC, balance, state. */
    public CardState state() {
        byte[] r = transmit(Apdus.commandExpectingData(0x80, Apdus.INS_GET_STATUS, 0, 0));
        assertThat(sw(r)).isEqualTo(0x9000);
        ByteBuffer b = ByteBuffer.wrap(r);
        int aidLength = r[10];
        int off = 11 + aidLength;
        return new CardState(r[1], Integer.toUnsignedLong(b.getInt(off)), Integer.toUnsignedLong(b.getInt(off + 4)),
                Integer.toUnsignedLong(b.getInt(off + 8)));
    }

    public String parameter(int slot) {
        byte[] r = transmit(Apdus.commandExpectingData(0x80, Apdus.INS_READ_PARAMETER, slot, 0));
        assertThat(sw(r)).isEqualTo(0x9000);
        return dataHex(r);
    }

    public record CardState(int lifeCycle, long ca, long atc, long balance) {
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

    public List<String> auditKinds() {
        return Api.as("helpdesk").get("/api/applications/" + applicationId + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("kind", String.class);
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
