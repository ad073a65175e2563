package org.cardsync.loadgen.sessions;

/** A session that did not complete as a clean one does: the run reports it and fails. */
final class SessionFailure extends RuntimeException {
    SessionFailure(String message) {
        super(message);
    }
}
