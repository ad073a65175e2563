package org.cardsync.backend.terminal;

import org.cardsync.backend.error.ErrorCode;

/**
 * The result of receiving an upstream message. A rejection is a value, not an exception, so that its audit
 * entry and alert commit while the card application's state stays as it was.
 */
public sealed interface TerminalOutcome {
    record Accepted(TerminalResponse response) implements TerminalOutcome {
    }

    record Rejected(ErrorCode code, String message) implements TerminalOutcome {
    }
}
