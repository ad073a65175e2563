package org.cardsync.agent.handler;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * A batch's {@code acceptSw}: status words that let it go on, four hex digits each, {@code X} for any
 * digit ({@code "9000"}, {@code "63CX"}).
 */
record StatusWordPatterns(List<String> patterns) {

    /** Enough for any real list of accepted status words; bounds the work per response. */
    static final int MAX_PATTERNS = 64;

    private static final Pattern SW_PATTERN = Pattern.compile("[0-9A-Fa-fXx]{4}");

    /** What a batch without {@code acceptSw} accepts. */
    static final StatusWordPatterns SUCCESS_ONLY = new StatusWordPatterns(List.of("9000"));

    StatusWordPatterns {
        patterns = List.copyOf(patterns);
    }

    /** The {@code acceptSw} field of a request: absent (only 9000) or an array of patterns. */
    static StatusWordPatterns parse(Object raw) throws RequestException {
        if (raw == null) {
            return SUCCESS_ONLY;
        }
        if (!(raw instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_PATTERNS) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"acceptSw\" must be an array of 1 to "
                    + MAX_PATTERNS + " status word patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !SW_PATTERN.matcher(s).matches()) {
                throw new RequestException(ErrorCode.INVALID_MESSAGE, "acceptSw entries are 4 hex digits, X for"
                        + " any digit (\"9000\", \"63CX\"); got " + o);
            }
            patterns.add(s.toUpperCase());
        }
        return new StatusWordPatterns(patterns);
    }

    /** Whether {@code sw} (four upper-case hex digits) matches one of the patterns. */
    boolean accepts(String sw) {
        for (String p : patterns) {
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = p.charAt(i) == 'X' || p.charAt(i) == sw.charAt(i);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
