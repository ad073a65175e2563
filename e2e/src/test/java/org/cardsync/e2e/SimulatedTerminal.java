package org.cardsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * A customer's terminal without the browser: the real applet on card-sim's jcardsim host, through protocol's CardClient, personalised from the
 * file the backend issued, and the backend's terminal API over HTTP. The crash tests' only card code.
 */
public final class SimulatedTerminal {

    public static final String AID = "f04341524453594e4301";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JcardsimCard card = JcardsimCard.blank().install(CardsyncApplet.class, Hex.decode(AID));
    private final CardClient session = new CardClient(card);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Personalises a fresh simulated card with the PERSONALISE APDU of the backend's personalisation file. */
    public SimulatedTerminal(JsonNode personalisationFile) {
        select();
        String apdu = personalisationFile.path("applications").get(0).path("apdus").get(0).asText();
        expectOk(relay(apdu), "PERSONALISE");
    }

    /** A signed REQUEST (SYNC) from the card: a new session, its ATC one above the last. */
    public String request() {
        select();
        return expectOk(session.request(TransactionType.SYNC, 0, Hex.decode("11223344"), new byte[16]), "REQUEST").dataHex();
    }

    /** Runs the script's EXECUTE APDUs on the card, in order; returns their status words. */
    public List<Integer> execute(List<String> apdus) {
        List<Integer> statusWords = new ArrayList<>();
        for (String apdu : apdus) {
            statusWords.add(relay(apdu).sw());
        }
        return statusWords;
    }

    /** A signed ACK from the card, which closes its session. */
    public String ack() {
        return expectOk(session.ack(), "ACK").dataHex();
    }

    public long balance() {
        return status().balance();
    }

    /** The card's GET STATUS: its CA, ATC, balance and life-cycle state. */
    public CardStatus status() {
        select();
        return session.status();
    }

    /** Posts a card message to {@code /api/terminal/{endpoint}}; the answer's status and JSON body. */
    public Answer post(String baseUrl, String endpoint, String messageHex) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("message", messageHex).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/terminal/" + endpoint))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Retry-After").isPresent());
    }

    /** A backend's answer; {@code retryAfter}: whether it carried a Retry-After header. */
    public record Answer(int status, JsonNode body, boolean retryAfter) {
        /** The script's EXECUTE APDUs, in order. */
        public List<String> scriptApdus() {
            List<String> apdus = new ArrayList<>();
            body.path("script").path("commands").forEach(c -> apdus.add(c.path("apdu").asText()));
            return apdus;
        }
    }

    /** Sends an APDU as the backend wrote it, unparsed, as a terminal relays it. */
    private ResponseApdu relay(String apduHex) {
        return ResponseApdu.of(card.transmit(Hex.decode(apduHex)));
    }

    private void select() {
        expectOk(session.select(Hex.decode(AID)), "SELECT");
    }

    private static ResponseApdu expectOk(ResponseApdu response, String command) {
        if (response.sw() != 0x9000) {
            throw new AssertionError(command + " answered " + response.swHex());
        }
        return response;
    }
}
