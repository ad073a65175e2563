package org.cardsync.backend.audit;

/** The optional comment a staff member gives an act, as the audit trail keeps it. */
public final class Comments {
    /** The longest comment (the audit_event and alert columns). */
    public static final int MAX_LENGTH = 400;

    private Comments() {
    }

    /** Trimmed; blank is no comment (null). */
    public static String clean(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String trimmed = comment.strip();
        return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
    }
}
