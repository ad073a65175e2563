package org.cardsync.backend.audit;

public enum AlertKind {
    /** An upstream message's MAC did not verify: tampering or a wrong key. */
    MAC_FAILURE,
    /** An upstream message's ATC was not fresh: a replay or a delayed message. */
    STALE_ATC,
    /** The signed counter is impossible: the application was frozen. */
    COUNTER_ANOMALY,
    /** An action was refused on its merits until its retries were spent. */
    RETRIES_SPENT,
    /** The action counter is at its maximum while actions are pending: they can never run (rule 9). */
    COUNTER_SATURATED,
    /** A message arrived for a frozen application. */
    MESSAGE_WHILE_FROZEN,
    /** Messages naming the application came faster than the terminal API's limit; the rest were refused unread. */
    RATE_LIMITED,
    /**
     * The card's signed report (its CA and action chain) does not match the script the server issued: the server's
     * records may be older than the card, e.g. a database restored from a backup. The application was frozen and
     * nothing was recorded as executed.
     */
    REPORT_MISMATCH,
    /**
     * A message naming the application was refused before its MAC could be checked: malformed, of the wrong type or of
     * an unsupported version (rule 3: audited and alerted).
     */
    REJECTED_MESSAGE
}
