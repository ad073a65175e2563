package org.cardsync.applet;

/**
 * The card application's life-cycle state (protocol.md section 2): NEW until PERSONALISE, then ACTIVE,
 * BLOCKED after a BLOCK action and ACTIVE again after UNBLOCK. Transitions are written only inside the
 * transaction of the command that causes them.
 */
final class LifeCycle {

    private byte state;

    LifeCycle() {
        state = ProtocolConstants.STATE_NEW;
    }

    byte state() {
        return state;
    }

    boolean isNew() {
        return state == ProtocolConstants.STATE_NEW;
    }

    boolean isBlocked() {
        return state == ProtocolConstants.STATE_BLOCKED;
    }

    /** PERSONALISE: NEW to ACTIVE. Inside a transaction only. */
    void activate() {
        state = ProtocolConstants.STATE_ACTIVE;
    }

    /** Action BLOCK: ACTIVE to BLOCKED. Inside a transaction only. */
    void block() {
        state = ProtocolConstants.STATE_BLOCKED;
    }

    /** Action UNBLOCK: BLOCKED to ACTIVE. Inside a transaction only. */
    void unblock() {
        state = ProtocolConstants.STATE_ACTIVE;
    }
}
