package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every status word of docs/protocol.md section 2.1, read from the page itself, is reached by a
 * scenario here: a status word added to the page without a scenario fails {@link
 * #everyStatusWordOfTheProtocolPage_hasAScenario}. (Each is also covered, with its context, by the
 * test class of its command.)
 */
class StatusWordCatalogueTest {

    /** Scenario per status word as written in the page; x and rr stand for any hex digit(s). */
    private static final Map<String, Supplier<ResponseApdu>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("9000", () -> IssuedCard.personalised().send(CardCommands.getStatus()));
        SCENARIOS.put("6700", () -> IssuedCard.personalised().send(CardCommands.verifyPin("123")));
        SCENARIOS.put("6A80", () -> IssuedCard.personalised().send(CommandApdu.of(0x80, 0x40, 0, 0,
                IssuedCard.requestData(9, 0, new byte[4], new byte[16]))));
        SCENARIOS.put("6A86", () -> IssuedCard.personalised().send(CardCommands.readParameter(8)));
        SCENARIOS.put("6D00", () -> IssuedCard.personalised().send("8050000000"));
        SCENARIOS.put("6E00", () -> IssuedCard.personalised().send("9030000000"));
        SCENARIOS.put("6985", () -> {
            CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
            card.transmit(CardCommands.select(IssuedCard.AID));
            return card.transmit(IssuedCard.sync());
        });
        SCENARIOS.put("6986", () -> {
            IssuedCard card = IssuedCard.personalised();
            return card.send(CardCommands.personalise(card.personalisation));
        });
        SCENARIOS.put("63Cx", () -> IssuedCard.personalised().send(CardCommands.verifyPin("0000")));
        SCENARIOS.put("6983", () -> {
            IssuedCard card = IssuedCard.personalised();
            for (int i = 0; i < 3; i++) {
                card.send(CardCommands.verifyPin("0000"));
            }
            return card.send(CardCommands.verifyPin(IssuedCard.PIN));
        });
        SCENARIOS.put("6982", () -> IssuedCard.personalised().send(IssuedCard.purchase(1)));
        SCENARIOS.put("6988", () -> {
            IssuedCard card = IssuedCard.personalised();
            card.openSession();
            byte[] command = card.command(1, 1, IssuedCard.u32(1));
            command[12] ^= 0x40;
            return card.execute(command);
        });
        SCENARIOS.put("6A90", () -> IssuedCard.personalised().send(CardCommands.ack()));
        SCENARIOS.put("6A91", () -> inSession(card -> {
            card.execute(1, 1, IssuedCard.u32(1));
            return card.execute(1, 1, IssuedCard.u32(1));
        }));
        SCENARIOS.put("6A92", () -> inSession(card -> card.execute(2, 1, IssuedCard.u32(1))));
        SCENARIOS.put("6A93", () -> inSession(card -> {
            card.execute(1, 1, IssuedCard.u32(0));
            return card.execute(1, 1, IssuedCard.u32(1));
        }));
        SCENARIOS.put("6A94", () -> IssuedCard.personalised(
                IssuedCard.personalisation(IssuedCard.AID, 10, 0, 0, 0xFFFFFFFFL)).send(CardCommands.info()));
        SCENARIOS.put("6A95", () -> inSession(card -> {
            card.execute(1, 5, new byte[0]);
            return card.send(CardCommands.verifyPin(IssuedCard.PIN));
        }));
        SCENARIOS.put("6A96", () -> {
            IssuedCard card = IssuedCard.personalised();
            card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
            return card.send(IssuedCard.purchase(1_000_000));
        });
        SCENARIOS.put("94rr", () -> inSession(card -> card.execute(1, 1, IssuedCard.u32(1_000_000))));
    }

    private static ResponseApdu inSession(java.util.function.Function<IssuedCard, ResponseApdu> steps) {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        return steps.apply(card);
    }

    @Test
    void everyStatusWordOfTheProtocolPage_hasAScenario() throws IOException {
        assertThat(statusWordsOfTheProtocolPage()).containsExactlyInAnyOrderElementsOf(SCENARIOS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachStatusWord_isReachedByItsScenario() {
        return SCENARIOS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String pattern = entry.getKey().replace("x", "[0-9A-F]").replace("rr", "[0-9A-F]{2}");
            assertThat(entry.getValue().get().swHex()).matches(pattern);
        }));
    }

    /** The first column of the table under "### 2.1 Status words". */
    static List<String> statusWordsOfTheProtocolPage() throws IOException {
        String page = Files.readString(Path.of(System.getProperty("cardsync.protocolDoc")));
        int start = page.indexOf("### 2.1 Status words");
        int end = page.indexOf("\n## ", start);
        Matcher row = Pattern.compile("(?m)^\\| `([0-9A-Fa-fxr]{4})` \\|").matcher(page.substring(start, end));
        List<String> statusWords = new ArrayList<>();
        while (row.find()) {
            statusWords.add(row.group(1));
        }
        return statusWords;
    }
}
