package org.cardsync.backend.helpdesk;

import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;

/**
 * A page of a staff list: {@code page} 0-based, {@code size} 1..100 (default 0 and 25). The bound on the size keeps
 * every answer small, however much a card has gathered (a flood of forged messages once made one answer 421 KB).
 */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    /** Beyond this a page would make the database skip millions of rows: narrow the query instead. */
    static final int MAX_PAGE = 100_000;

    /** Parses the query parameters; a missing one takes its default, a bad one is a 400 INVALID_REQUEST. */
    public static Paging of(String page, String size) {
        int p = parse("page", page, 0, 0, MAX_PAGE);
        int s = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        return new Paging(p, s);
    }

    private static int parse(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new ApiException(ErrorCode.INVALID_REQUEST, name + " must be a whole number from " + min + " to " + max);
    }

    public int offset() {
        return page * size;
    }
}
