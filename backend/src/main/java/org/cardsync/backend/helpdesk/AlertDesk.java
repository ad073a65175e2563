package org.cardsync.backend.helpdesk;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.audit.Comments;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;

/** The alerts across all cards (filtered, paged, most recent first) and their acknowledgement. */
@ApplicationScoped
public class AlertDesk {
    private static final Pattern CARD_PREFIX = Pattern.compile("[0-9a-f]{1,16}");

    private final AuditTrail audit;
    private final Event<ApplicationChanged> changed;

    public AlertDesk(AuditTrail audit, Event<ApplicationChanged> changed) {
        this.audit = audit;
        this.changed = changed;
    }

    /** {@code state}: open (default), acknowledged or all; {@code q}: a card id prefix. */
    @Transactional
    public ConsoleViews.AlertPage list(String kind, String state, String q, Paging paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (kind != null && !kind.isBlank()) {
            where.append(" and a.kind = :kind");
            parameters.and("kind", parseKind(kind));
        }
        switch (state == null || state.isBlank() ? "open" : state.trim()) {
            case "open" -> where.append(" and a.acknowledged = false");
            case "acknowledged" -> where.append(" and a.acknowledged = true");
            case "all" -> { }
            default -> throw new ApiException(ErrorCode.INVALID_REQUEST, "state must be open, acknowledged or all");
        }
        if (q != null && !q.isBlank()) {
            String prefix = q.trim().toLowerCase(Locale.ROOT);
            if (!CARD_PREFIX.matcher(prefix).matches()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "q must be the start of a card id: 1 to 16 hex digits");
            }
            where.append(" and a.applicationId in (select ca.id from CardApplication ca where ca.card.cardId like :prefix)");
            parameters.and("prefix", prefix + "%");
        }
        PanacheQuery<Alert> query = Alert.find("from Alert a where " + where + " order by a.lastSeen desc, a.id desc",
                parameters);
        List<Alert> alerts = query.page(paging.page(), paging.size()).list();
        Map<Long, CardApplication> apps = new HashMap<>();
        List<Long> appIds = alerts.stream().map(a -> a.applicationId).filter(id -> id != null).distinct().toList();
        if (!appIds.isEmpty()) {
            CardApplication.<CardApplication>list("id in ?1", appIds).forEach(app -> apps.put(app.id, app));
        }
        return new ConsoleViews.AlertPage(alerts.stream().map(a -> AlertViews.view(a, apps.get(a.applicationId)))
                .toList(), paging.page(), paging.size(), query.count());
    }

    /** Closes an open alert; the next occurrence of its kind on its application opens a new one. */
    @Transactional
    public ConsoleViews.AlertView acknowledge(long alertId, String actor, String comment) {
        Alert alert = Alert.findById(alertId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no alert " + alertId);
        }
        if (alert.acknowledged) {
            throw new ApiException(ErrorCode.INVALID_STATE, "the alert was already acknowledged by "
                    + alert.acknowledgedBy);
        }
        alert.acknowledged = true;
        alert.acknowledgedBy = actor;
        alert.acknowledgedAt = Instant.now();
        alert.comment = Comments.clean(comment);
        audit.act(alert.applicationId, AuditKind.ALERT_ACKNOWLEDGED, actor, null, alert.kind + " alert " + alert.id
                + " (" + alert.count + " times, last " + alert.lastSeen + ")", alert.comment);
        CardApplication app = alert.applicationId == null ? null : CardApplication.findById(alert.applicationId);
        if (app != null) {
            changed.fire(ApplicationChanged.of(app));
        }
        return AlertViews.view(alert, app);
    }

    private static AlertKind parseKind(String kind) {
        try {
            return AlertKind.valueOf(kind.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "kind must be one of " + Arrays.toString(AlertKind.values()));
        }
    }
}
