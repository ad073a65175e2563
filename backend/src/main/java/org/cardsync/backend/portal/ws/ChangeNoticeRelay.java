package org.cardsync.backend.portal.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.cardsync.backend.card.ApplicationChanged;

/**
 * Passes a change on to {@link ChangeNotices} once its transaction has committed: a page never reloads to find a
 * change that was rolled back.
 */
@ApplicationScoped
public class ChangeNoticeRelay {
    private final ChangeNotices notices;

    public ChangeNoticeRelay(ChangeNotices notices) {
        this.notices = notices;
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationChanged change) {
        if (change.owner() != null) {
            notices.publish(change);
        }
    }
}
