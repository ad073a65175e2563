package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ActivationCode;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.Card;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.portal.PortalViews.PortalCard;
import org.cardsync.backend.terminal.CardAuthentication;

/**
 * Links an unowned card to the customer who proves both that they hold it and that they got its letter. Every
 * failure is the same empty answer (the caller sends one ACTIVATION_FAILED), so a guesser learns nothing about
 * which part failed. A failure is a value, not an exception, so that what it records commits: the card's ATC and
 * used challenge (rules 3 and 8) and the count of wrong codes.
 */
@ApplicationScoped
public class CardLinking {
    private final CardAuthentication cards;
    private final PortalApplicationViews views;
    private final AuditTrail audit;
    private final CardsyncConfig.Portal config;
    private final Event<ApplicationChanged> changed;

    public CardLinking(CardAuthentication cards, PortalApplicationViews views, AuditTrail audit,
                       CardsyncConfig.Portal config, Event<ApplicationChanged> changed) {
        this.cards = cards;
        this.views = views;
        this.audit = audit;
        this.config = config;
        this.changed = changed;
    }

    @Transactional
    public Optional<PortalCard> link(String customer, String cardId, String aid, String message, String activationCode) {
        // The card's MAC over a fresh, single-use server challenge: someone who only has the letter (or a recorded
        // AUTHENTICATE) cannot link the card. It is checked first, so that without the card no code can be tried
        // and nobody can use up the holder's attempts.
        Optional<CardApplication> proven = cards.authenticate(message);
        if (proven.isEmpty() || !proven.get().card.cardId.equalsIgnoreCase(cardId)
                || !proven.get().aid.equalsIgnoreCase(aid)) {
            return Optional.empty();
        }
        CardApplication app = proven.get();
        Card card = app.card;
        card.lock();
        // A linked card stays with its owner: a code leaked later cannot move it to another account.
        // The attempt limit stops a thief who holds the card but not its letter from guessing the code.
        if (card.owner != null || card.activationCodeHash == null
                || card.activationFailures >= config.activationAttempts()) {
            return Optional.empty();
        }
        if (!ActivationCode.matches(activationCode, card.activationCodeHash)) {
            card.activationFailures++;
            audit.record(app.id, AuditKind.CARD_LINK_REFUSED, customer, "wrong activation code, attempt "
                    + card.activationFailures + " of " + config.activationAttempts());
            return Optional.empty();
        }
        card.owner = customer;
        card.activationCodeHash = null; // one-time: the code is spent
        for (CardApplication a : CardApplication.findByCard(card)) {
            audit.record(a.id, AuditKind.CARD_LINKED, customer, "card " + card.cardId + " linked by AUTHENTICATE of "
                    + app.aid + " and its activation code");
            changed.fire(ApplicationChanged.of(a));
        }
        return Optional.of(views.card(card));
    }
}
