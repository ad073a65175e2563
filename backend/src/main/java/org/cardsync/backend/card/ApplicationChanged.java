package org.cardsync.backend.card;

/**
 * A card application's state as its owner sees it changed: a change was queued, issued or settled, or the
 * application's status changed. Fired inside the transaction that made the change; observers that tell the
 * outside world observe it after a successful commit only, so a rolled-back change is never announced.
 *
 * @param owner the card's owner, null for an unowned card (nobody to tell)
 */
public record ApplicationChanged(long applicationId, String owner) {
    public static ApplicationChanged of(CardApplication app) {
        return new ApplicationChanged(app.id, app.card.owner);
    }
}
