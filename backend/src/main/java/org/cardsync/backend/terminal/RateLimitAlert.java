package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.CardApplicationId;

/**
 * Tells the helpdesk that messages naming a card application are being refused for its rate limit: an audit entry and
 * a RATE_LIMITED alert on the application, and a change notice for the console. Written at most once per application
 * per window ({@link TerminalRateLimit}), in a transaction of its own; nothing for a card nobody registered.
 */
@ApplicationScoped
public class RateLimitAlert {
    private final AuditTrail audit;
    private final Event<ApplicationChanged> changed;
    private final CardsyncConfig.TerminalRateLimit config;

    public RateLimitAlert(AuditTrail audit, Event<ApplicationChanged> changed, CardsyncConfig.TerminalRateLimit config) {
        this.audit = audit;
        this.changed = changed;
        this.config = config;
    }

    @Transactional
    void raise(CardApplicationId named, String client) {
        CardApplication.idOf(named).ifPresent(appId -> {
            String detail = "more than " + config.perApplication() + " messages naming this card application within "
                    + config.window() + " (the last from " + client + "); further ones are refused unread until the "
                    + "allowance refills";
            audit.record(appId, AuditKind.MESSAGE_REJECTED, TerminalAudit.TERMINAL, "TOO_MANY_REQUESTS: " + detail);
            audit.alert(appId, AlertKind.RATE_LIMITED, detail);
            changed.fire(ApplicationChanged.forStaff(appId));
        });
    }
}
