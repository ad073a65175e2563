package org.cardsync.backend.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Mirrors the life-cycle state and balance an admitted message signed onto its card application. They are
 * authenticated, so the server may decide on them (a BLOCKED card is sent only an UNBLOCK); anything the
 * terminal says about them is not (rule 9).
 */
@ApplicationScoped
public class CardStateMirror {

    /** A change of the server's view of the application's status, caused by the signed state. */
    public record StatusChange(ApplicationStatus from, ApplicationStatus to) {
    }

    /** Follows the signed state; the status change, if the signed state changed it. */
    public Optional<StatusChange> follow(CardApplication app, UpstreamMessage m) {
        LifeCycleState state;
        if (m.type() == MessageType.REQUEST) {
            state = m.request().state();
            app.lastBalance = m.request().balance();
        } else {
            state = m.report().state();
            app.lastBalance = m.report().balance();
        }
        app.balanceSeenAt = java.time.Instant.now();
        ApplicationStatus mirrored = state == LifeCycleState.BLOCKED ? ApplicationStatus.BLOCKED : ApplicationStatus.ACTIVE;
        if (app.status == mirrored) {
            return Optional.empty();
        }
        StatusChange change = new StatusChange(app.status, mirrored);
        app.status = mirrored;
        return Optional.of(change);
    }
}
