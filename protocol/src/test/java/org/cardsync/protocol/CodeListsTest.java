package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The code lists of docs/protocol.md, read from the page itself, against the enums: a code added to,
 * removed from or renamed in one of them and not the other fails here. (The applet's
 * StatusWordCatalogueTest checks that the applet really answers each status word.)
 */
class CodeListsTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)`(?:–`([^`]+)`)? \\| ([^|]+) \\|");

    @Test
    void statusWords_areTheTableOfSection2_1() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        rows("### 2.1 Status words").forEach((code, cells) -> documented.put(code, cells.trim()));

        Map<String, String> enumerated = Arrays.stream(StatusWord.values()).collect(Collectors.toMap(
                StatusWord::documented, StatusWord::name, (a, b) -> a, LinkedHashMap::new));

        assertThat(enumerated).containsExactlyEntriesOf(documented);
    }

    @Test
    void statusWords_recogniseTheirFamilies() {
        assertThat(StatusWord.of(0x63C2)).contains(StatusWord.PIN_WRONG);
        assertThat(StatusWord.of(0x940A)).contains(StatusWord.MERIT_FAILURE);
        assertThat(StatusWord.of(0x6A91)).contains(StatusWord.ALREADY_APPLIED);
        assertThat(StatusWord.of(0x6A82)).isEmpty();
    }

    @Test
    void refusalCodes_areTheTableOfSection5_3_eachWithItsStatusWord() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher sw = Pattern.compile("SW `([0-9A-Fa-fxr]{4})`").matcher("");
        rows("### 5.3 Refusal codes").forEach((code, meaning) -> {
            assertThat(sw.reset(meaning).find()).as("status word of refusal %s", code).isTrue();
            documented.put(code, sw.group(1));
        });

        Map<String, String> enumerated = new LinkedHashMap<>();
        for (RefusalCode r : RefusalCode.values()) {
            String code = String.format("%02X", r.code());
            enumerated.put(r == RefusalCode.MERIT_FAILURE ? code + "-7F" : code, r.statusWord().documented());
        }

        assertThat(enumerated).containsExactlyEntriesOf(documented);
    }

    @Test
    void refusalCodes_splitMeritFailuresFromSequencingRefusals() {
        assertThat(RefusalCode.isMeritFailure(0x01)).isTrue();
        assertThat(RefusalCode.isMeritFailure(0x7F)).isTrue();
        assertThat(RefusalCode.isMeritFailure(0x00)).isFalse();
        assertThat(RefusalCode.isMeritFailure(0x91)).isFalse();
        assertThat(RefusalCode.of(0x0A)).contains(RefusalCode.MERIT_FAILURE);
        assertThat(RefusalCode.of(0x93)).contains(RefusalCode.SESSION_HALTED);
        assertThat(RefusalCode.of(0x00)).isEmpty();
        assertThat(RefusalCode.of(0x80)).isEmpty();
    }

    @Test
    void meritReasons_areTheTableOfSection6_2() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        rows("### 6.2 Merit failure reason codes").forEach((code, name) -> documented.put(code, name.trim()));

        Map<String, String> enumerated = Arrays.stream(MeritReason.values()).collect(Collectors.toMap(
                r -> String.format("%02X", r.code()), MeritReason::name, (a, b) -> a, LinkedHashMap::new));

        assertThat(enumerated).containsExactlyEntriesOf(documented);
    }

    /** The first two columns of the table under {@code heading}: code (a range as "01-7F") to cell. */
    private static Map<String, String> rows(String heading) throws IOException {
        String page = Files.readString(Path.of(System.getProperty("cardsync.protocolDoc", "../docs/protocol.md")));
        int start = page.indexOf(heading);
        assertThat(start).as("heading %s in docs/protocol.md", heading).isNotNegative();
        int end = page.indexOf("\n#", start + heading.length());
        Matcher row = ROW.matcher(page.substring(start, end));
        Map<String, String> rows = new LinkedHashMap<>();
        while (row.find()) {
            String code = row.group(1).toUpperCase().replace("X", "x").replace("RR", "rr");
            rows.put(row.group(2) == null ? code : code + "-" + row.group(2).toUpperCase(), row.group(3));
        }
        assertThat(rows).as("rows under %s", heading).isNotEmpty();
        return rows;
    }
}
