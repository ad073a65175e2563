package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.MalformedApduException;
import org.junit.jupiter.api.Test;

/**
 * Keys, MACs, APDU bodies and passwords never reach a log (ARCHITECTURE rule 10; docs/security.md "Logs hold no
 * secrets"). A whole run of the packaged backend and the packaged agent, each its own process, with debug logging
 * of org.cardsync on in both (the agent's {@code -v}, without {@code --debug-apdu}, whose very purpose is to log
 * APDUs), driven through Chromium as a customer and the helpdesk drive it: a failed sign-in then a good one, the
 * portal reading the card, a synchronisation that runs a script on the card, a card message the backend refuses
 * (replayed, and tampered with), a page of a foreign origin the agent refuses. Then every line both processes
 * logged is searched for the demo master key, the derived card keys, every MAC and every APDU body seen on the
 * agent's wire, and every password used, each in every form a logger may print it in ({@link SecretForms}: hex in
 * any case, spaced hex, Base64, {@code Arrays.toString}).
 */
class LogsHoldNoSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Path TEST_VECTORS = Path.of("..", "docs", "test-vectors.json");
    /** Shorter APDU bodies are counters and flags that a log may well hold by coincidence. */
    private static final int SHORTEST_SECRET_BODY = 8;
    private static final String ALICE_WRONG_PASSWORD = "not-alices-password-7f3a";
    private static final String HELPDESK_WRONG_PASSWORD = "not-the-helpdesk-password-91c2";

    /** The agent's wire as the browser saw it: every frame, both ways. */
    private final List<String> frames = Collections.synchronizedList(new ArrayList<>());

    @Test
    void wholeRunWithDebugLogging_noLogLineHoldsAKeyMacApduBodyOrPassword() throws Exception {
        Path backendLog;
        Path agentLog;
        try (PortalFixture system = PortalFixture.start("logscan",
                List.of("-Dquarkus.log.category.\"org.cardsync\".level=DEBUG"), backend -> List.of("-v"))) {
            backendLog = system.backend.logPath();
            agentLog = system.agent.logPath();
            runTheFlow(system);
        }
        // The processes are stopped: everything they logged, shutdown included, is in the files.
        Map<String, String> secrets = secrets();
        String agentText = Files.readString(agentLog, StandardCharsets.UTF_8);
        assertThat(agentText).as("the agent ran with debug logging").contains(" FINE ");

        List<SecretForms.Form> forms = SecretForms.of(secrets);
        List<String> found = new ArrayList<>();
        for (Path log : List.of(backendLog, agentLog)) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (SecretForms.Form form : forms) {
                    if (form.foundIn(lines.get(i))) {
                        found.add(log.getFileName() + ":" + (i + 1) + " holds " + form.what() + " (" + form.text() + ")");
                    }
                }
            }
        }
        System.out.println("SECURITY logs-hold-no-secrets: " + secrets.size() + " secrets (keys, MACs, APDU bodies,"
                + " passwords) in " + forms.size() + " forms (hex, spaced hex, Base64, Arrays.toString) searched in "
                + (Files.readAllLines(backendLog).size() + agentText.split("\n").length)
                + " log lines of the backend and the agent (debug on), " + found.size() + " found");
        assertThat(found).as("secrets in the logs").isEmpty();
    }

    private void runTheFlow(PortalFixture system) throws Exception {
        String base = system.backend.baseUrl();
        OperatorApi helpdesk = system.helpdesk();
        long transitId = helpdesk.applicationId(PortalFixture.DEMO_CARD, PortalFixture.TRANSIT_AID);
        assertThat(basicGet(base, "helpdesk", HELPDESK_WRONG_PASSWORD)).as("a wrong helpdesk password").isEqualTo(401);

        BrowserContext context = system.newContext("logscan");
        context.onPage(page -> page.onWebSocket(ws -> {
            ws.onFrameSent(f -> frames.add(f.text()));
            ws.onFrameReceived(f -> frames.add(f.text()));
        }));
        try {
            Page portal = context.newPage();
            portal.navigate(system.portalUrl("/cards"));
            portal.getByTestId("username").fill("alice");
            portal.getByTestId("password").fill(ALICE_WRONG_PASSWORD);
            portal.getByTestId("sign-in-submit").click();
            assertThat(portal.getByTestId("sign-in-error")).isVisible();
            portal.getByTestId("password").fill("alice-demo");
            portal.getByTestId("sign-in-submit").click();
            assertThat(portal.getByTestId("card-list")).isVisible();
            assertThat(portal.getByTestId("agent-status")).hasAttribute("data-agent-state", "connected");
            portal.close();

            // queued only now: the portal page applies pending changes itself once the agent answers, and this
            // action is for the terminal page's synchronisation
            helpdesk.queueCredit(transitId, 125);
            Page terminal = context.newPage();
            terminal.navigate(base + "/terminal.html?agent=" + system.agent.url());
            assertThat(terminal.getByTestId("card-id")).hasText(PortalFixture.DEMO_CARD);
            terminal.getByTestId("sync-button").click();
            assertThat(terminal.getByTestId("sync-applied")).hasText("1 action applied");
            terminal.close();
        } finally {
            context.close();
        }

        // A card message the backend refuses: the REQUEST seen on the wire, replayed, then with its MAC changed.
        String request = upstreamMessages(0x40).get(0);
        assertThat(postCardMessage(base, request)).as("a replayed REQUEST").isGreaterThanOrEqualTo(400);
        String tampered = request.substring(0, request.length() - 2)
                + String.format("%02x", Integer.parseInt(request.substring(request.length() - 2), 16) ^ 0x01);
        assertThat(postCardMessage(base, tampered)).as("a REQUEST with a bad MAC").isGreaterThanOrEqualTo(400);
        // A page of an origin the agent does not allow (a refused handshake, logged by the agent).
        assertThat(refusedHandshake(system.agent.url(), base.replace("localhost", "127.0.0.1"))).isTrue();
    }

    /** What must not be in any log, each with what it is. */
    private Map<String, String> secrets() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        JsonNode vectors = JSON.readTree(TEST_VECTORS.toFile());
        for (JsonNode kdf : vectors.path("kdf")) {
            String masterKey = kdf.path("masterKey").asText().toLowerCase(Locale.ROOT);
            secrets.put(masterKey, "the issuer master key");
            secrets.put(new String(HEX.parseHex(masterKey), StandardCharsets.US_ASCII), "the issuer master key (as text)");
            secrets.put(kdf.path("key").asText().toLowerCase(Locale.ROOT), "the derived " + kdf.path("label").asText()
                    + " key of application " + kdf.path("aid").asText());
        }
        for (String password : List.of("alice-demo", "helpdesk-demo", ALICE_WRONG_PASSWORD, HELPDESK_WRONG_PASSWORD)) {
            secrets.put(password, "a password");
        }
        List<Exchange> exchanges = exchanges();
        for (Exchange exchange : exchanges) {
            byte[] data = exchange.command().data();
            if (exchange.command().ins() == 0x42 && data.length >= 16) {
                secrets.put(hex(tail(data, 16)), "the MAC of a script command (EXECUTE)");
            }
            if (exchange.command().ins() != 0xA4 && data.length >= SHORTEST_SECRET_BODY) {
                secrets.put(hex(data), "the body of a command APDU (" + exchange.command().describe() + ")");
            }
            if (exchange.response() == null) {
                continue;
            }
            byte[] answer = exchange.responseData();
            if (answer.length >= SHORTEST_SECRET_BODY) {
                secrets.put(hex(answer), "the body of the response to " + exchange.command().describe());
            }
            if (answer.length > 36 && answer[0] == 0x01 && answer[1] >= 1 && answer[1] <= 3) {
                // An upstream message (docs/protocol.md section 5): its MAC, and its action chain H, a MAC too.
                int l = answer[10] & 0xFF;
                secrets.put(hex(tail(answer, 16)), "the MAC of an upstream message");
                secrets.put(hex(java.util.Arrays.copyOfRange(answer, 19 + l, 35 + l)), "an action chain H");
            }
        }
        assertThat(exchanges.stream().filter(e -> e.command().ins() == 0x42).count())
                .as("EXECUTEs seen on the agent's wire").isPositive();
        return secrets;
    }

    /** One command a page sent through the agent and the card's whole response (hex), null if none came. */
    private record Exchange(CommandApdu command, String response) {
        byte[] responseData() {
            return HEX.parseHex(response.substring(0, response.length() - 4));
        }
    }

    /** Every command sent on the agent's wire, paired with its response by request id and position in a batch. */
    private List<Exchange> exchanges() throws IOException {
        Map<String, List<CommandApdu>> sentById = new LinkedHashMap<>();
        List<Exchange> exchanges = new ArrayList<>();
        for (String frame : new ArrayList<>(frames)) {
            JsonNode message = JSON.readTree(frame);
            JsonNode payload = message.path("payload");
            String id = message.path("id").asText("");
            String type = message.path("type").asText();
            if ("transmit".equals(type) && payload.hasNonNull("apdu")) {
                sentById.put(id, List.of(parse(payload.path("apdu").asText())));
            } else if ("transmit-batch".equals(type) && payload.has("apdus")) {
                List<CommandApdu> batch = new ArrayList<>();
                payload.path("apdus").forEach(a -> batch.add(parse(a.asText())));
                sentById.put(id, batch);
            } else if (sentById.containsKey(id) && (payload.has("response") || payload.has("responses"))) {
                List<CommandApdu> sent = sentById.remove(id);
                List<String> answers = new ArrayList<>();
                if (payload.has("response")) {
                    answers.add(payload.path("response").asText());
                }
                payload.path("responses").forEach(r -> answers.add(r.path("response").asText()));
                for (int i = 0; i < sent.size(); i++) {
                    exchanges.add(new Exchange(sent.get(i), i < answers.size() ? answers.get(i) : null));
                }
            }
        }
        sentById.values().forEach(sent -> sent.forEach(c -> exchanges.add(new Exchange(c, null))));
        return exchanges;
    }

    /** The response data of the commands with INS {@code ins} (0x40: REQUEST) seen on the wire, in order. */
    private List<String> upstreamMessages(int ins) throws IOException {
        List<String> messages = new ArrayList<>();
        for (Exchange exchange : exchanges()) {
            if (exchange.command().ins() == ins && exchange.response() != null && exchange.response().endsWith("9000")) {
                messages.add(hex(exchange.responseData()));
            }
        }
        assertThat(messages).as("responses to INS %02X on the wire", ins).isNotEmpty();
        return messages;
    }

    private static int postCardMessage(String base, String messageHex) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("message", messageHex).toString();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/terminal/request"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int basicGet(String base, String user, String password) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/cards/"
                + PortalFixture.DEMO_CARD)).header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Whether the agent refuses the WebSocket handshake of a page of {@code origin}. */
    private static boolean refusedHandshake(String agentUrl, String origin) {
        try {
            AgentControl.open(agentUrl, origin).close();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static CommandApdu parse(String hex) {
        try {
            return CommandApdu.parseHex(hex);
        } catch (MalformedApduException e) {
            throw new AssertionError("the page sent a malformed APDU: " + hex, e);
        }
    }

    private static byte[] tail(byte[] data, int n) {
        return java.util.Arrays.copyOfRange(data, data.length - n, data.length);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
