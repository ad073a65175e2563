package org.cardsync.backend.helpdesk;

import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.card.CardApplication;

/** An alert as the console shows it, named by its card and AID. */
final class AlertViews {
    private AlertViews() {
    }

    static ConsoleViews.AlertView view(Alert a, CardApplication app) {
        return new ConsoleViews.AlertView(a.id, a.applicationId, app == null ? null : app.card.cardId,
                app == null ? null : app.aid, a.kind, a.detail, a.count, a.firstSeen, a.lastSeen, a.acknowledged,
                a.acknowledgedBy, a.acknowledgedAt, a.comment);
    }
}
