package org.cardsync.backend.card;

/**
 * A card application's state as its owner or the helpdesk sees it changed: a change was queued, issued or settled,
 * the application's status changed, or a message naming it was refused or raised an alert. Fired inside the
 * transaction that made the change; it is published as a PostgreSQL NOTIFY there (live/ChangeNotifier), which is
 * delivered only if that transaction commits, so a rolled-back change is never announced.
 *
 * @param owner the card's owner, whose portal pages are told; null for an unowned card or a change the owner does
 *        not see (only the console is told then)
 */
public record ApplicationChanged(long applicationId, String owner) {
    public static ApplicationChanged of(CardApplication app) {
        return new ApplicationChanged(app.id, app.card.owner);
    }

    /**
     * A change only staff see (a refused message, an alert): the owner's page has nothing new to show, and telling it
     * would let anybody who floods forged messages naming the card make the customer's page reload again and again.
     */
    public static ApplicationChanged forStaff(long applicationId) {
        return new ApplicationChanged(applicationId, null);
    }
}
