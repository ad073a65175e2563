package org.cardsync.backend.card;

/** The server's view of a card application. */
public enum ApplicationStatus {
    /** Normal: scripts are issued. */
    ACTIVE,
    /** The card's signed state says BLOCKED: only an UNBLOCK (and what follows it) is issued. */
    BLOCKED,
    /** A counter anomaly or an operator froze it: nothing is issued until the helpdesk unfreezes it. */
    FROZEN
}
