package org.cardsync.backend.action;

/** The life cycle of an action on the server (architecture section 4). */
public enum ActionState {
    QUEUED,
    IN_FLIGHT,
    EXECUTED,
    FAILED,
    CANCELLED
}
