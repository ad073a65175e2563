package org.cardsync.agent.sim;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ProtocolException;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.MalformedApduException;

/**
 * A simulated card's personalisation file, as the backend's issuance writes it:
 * <pre>{"format":"cardsync-personalisation/1","cardId":"&lt;16 hex&gt;",
 *  "applications":[{"aid":"&lt;hex&gt;","apdus":["&lt;hex command APDU&gt;", ...]}]}</pre>
 * The agent does not understand the APDUs; it checks only that they are well-formed.
 */
public record Personalisation(String cardId, List<Application> applications) {

    public static final String FORMAT = "cardsync-personalisation/1";

    /** Where the demo card is packaged in the agent's jar, when the build found demo/demo-card.json. */
    public static final String DEMO_CARD_RESOURCE = "/org/cardsync/agent/demo-card.json";

    private static final Pattern CARD_ID = Pattern.compile("[0-9A-Fa-f]{16}");

    /** One application instance: its AID and the APDUs that personalise it, each of which must answer 9000. */
    public record Application(byte[] aid, List<byte[]> apdus) {
    }

    public Personalisation {
        applications = List.copyOf(applications);
    }

    public static Personalisation read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The demo card packaged in the jar, or {@code null} when this build has none. */
    public static Personalisation demoCardOrNull() throws IOException {
        try (InputStream in = Personalisation.class.getResourceAsStream(DEMO_CARD_RESOURCE)) {
            if (in == null) {
                return null;
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo card (built in)");
        }
    }

    /** Parses and checks a personalisation file; {@code source} names it in error messages. */
    public static Personalisation parse(String json, String source) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException(source + ": not a JSON object");
        }
        if (!FORMAT.equals(root.getValue("format"))) {
            throw new IllegalArgumentException(source + ": \"format\" must be \"" + FORMAT + "\"");
        }
        Object cardId = root.getValue("cardId");
        if (!(cardId instanceof String id) || !CARD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(source + ": \"cardId\" must be 16 hex digits");
        }
        Object apps = root.getValue("applications");
        if (!(apps instanceof JsonArray appArray) || appArray.isEmpty()) {
            throw new IllegalArgumentException(source + ": \"applications\" must be a non-empty array");
        }
        List<Application> applications = new ArrayList<>();
        for (int i = 0; i < appArray.size(); i++) {
            String where = source + ": applications[" + i + "]";
            if (!(appArray.getValue(i) instanceof JsonObject app)) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            byte[] aid = hexField(app.getValue("aid"), where + ".aid");
            if (aid.length < 5 || aid.length > 16) {
                throw new IllegalArgumentException(where + ".aid must be 5 to 16 bytes");
            }
            Object apdus = app.getValue("apdus");
            if (!(apdus instanceof JsonArray apduArray)) {
                throw new IllegalArgumentException(where + ".apdus must be an array");
            }
            List<byte[]> commands = new ArrayList<>();
            for (int j = 0; j < apduArray.size(); j++) {
                String apduWhere = where + ".apdus[" + j + "]";
                byte[] apdu = hexField(apduArray.getValue(j), apduWhere);
                try {
                    CommandApdu.parse(apdu);
                } catch (MalformedApduException e) {
                    throw new IllegalArgumentException(apduWhere + ": " + e.getMessage());
                }
                commands.add(apdu);
            }
            applications.add(new Application(aid, List.copyOf(commands)));
        }
        return new Personalisation(id.toUpperCase(), applications);
    }

    private static byte[] hexField(Object value, String where) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(where + " must be a hex string");
        }
        try {
            return Hex.decode(s);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
