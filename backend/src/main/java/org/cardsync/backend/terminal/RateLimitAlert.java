package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.config.CardsyncConfig;

/**
 * Tells the helpdesk that rejected messages naming a card application are no longer recorded one by one: an audit entry and
 * a RATE_LIMITED alert on the application, and a change notice for the console. Written at most once per application
 * per window ({@link TerminalRateLimit}), in the caller's transaction.
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
    void raise(long appId, String client) {
        String detail = "more than " + config.perApplication() + " rejected messages naming this card application"
                + " within " + config.window() + " (the last from " + client + "); further rejected ones are answered"
                + " but not recorded one by one until the allowance refills; messages the card signed are processed"
                + " as usual";
        audit.record(appId, AuditKind.MESSAGE_REJECTED, TerminalAudit.TERMINAL, "TOO_MANY_REQUESTS: " + detail);
        audit.alert(appId, AlertKind.RATE_LIMITED, detail);
        changed.fire(ApplicationChanged.forStaff(appId));
    }
}
