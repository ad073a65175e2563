package org.cardsync.backend.script;

public enum ScriptStatus {
    /** Issued; its outcome is not yet proven by a signed counter. */
    IN_FLIGHT,
    /** A later signed message settled it. */
    SETTLED
}
