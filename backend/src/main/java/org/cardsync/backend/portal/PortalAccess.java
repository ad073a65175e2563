package org.cardsync.backend.portal;

import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;

/** The portal's ownership rule and block gate, in the caller's transaction. */
final class PortalAccess {
    private PortalAccess() {
    }

    /**
     * Row-locks the customer's own card application (rule 7). Another customer's, or none, is the same
     * NOT_FOUND, so that a customer cannot probe which application ids exist.
     */
    static CardApplication lockOwn(String customer, long applicationId) {
        Optional<CardApplication> app = CardApplication.lockById(applicationId);
        if (app.isEmpty() || !customer.equals(app.get().card.owner)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "You have no card application " + applicationId + ".");
        }
        return app.get();
    }

    /** Once blocked, or while the customer's block waits for the card, nothing else is accepted. */
    static void requireNotBlocked(CardApplication app) {
        boolean blocking = app.blockActionId != null && Optional.ofNullable(Action.<Action>findById(app.blockActionId))
                .filter(a -> a.state == ActionState.QUEUED || a.state == ActionState.IN_FLIGHT).isPresent();
        if (app.status == ApplicationStatus.BLOCKED || blocking) {
            throw new ApiException(ErrorCode.CARD_BLOCKED, ErrorCode.CARD_BLOCKED.defaultMessage());
        }
    }
}
