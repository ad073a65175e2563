package org.cardsync.backend.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;

/**
 * The dashboard: what waits now, and per hour what the card sessions did, counted from the audit trail (executed =
 * ACTION_EXECUTED, resends = ACTION_REQUEUED, refusals = MESSAGE_REJECTED) with the index on (kind, at).
 */
@ApplicationScoped
public class Dashboard {
    static final int BUCKET_MINUTES = 60;
    static final int MAX_HOURS = 168;

    private final EntityManager entities;

    public Dashboard(EntityManager entities) {
        this.entities = entities;
    }

    @Transactional
    public DashboardView dashboard(String hoursParameter) {
        int hours = hours(hoursParameter);
        DashboardView.Counts counts = new DashboardView.Counts(
                Action.count("state", ActionState.QUEUED), Action.count("state", ActionState.IN_FLIGHT),
                Action.count("state", ActionState.FAILED), CardApplication.count("status", ApplicationStatus.FROZEN),
                Alert.count("acknowledged", false));
        // the buckets are whole hours; the last one is the current, still running hour
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant from = to.minus(Duration.ofHours(hours));
        long[][] figures = new long[hours][3];
        // the bucket as a number of hours since 'from': no time zone of the database session comes into it
        List<?> rows = entities.createNativeQuery("""
                        select cast(floor(extract(epoch from (at - :from)) / 3600) as integer), kind, count(*)
                        from audit_event where kind in (:kinds) and at >= :from and at < :to group by 1, 2""")
                .setParameter("kinds", List.of(AuditKind.ACTION_EXECUTED.name(), AuditKind.ACTION_REQUEUED.name(),
                        AuditKind.MESSAGE_REJECTED.name()))
                .setParameter("from", from).setParameter("to", to).getResultList();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            figures[((Number) row[0]).intValue()][switch (AuditKind.valueOf((String) row[1])) {
                case ACTION_EXECUTED -> 0;
                case ACTION_REQUEUED -> 1;
                default -> 2;
            }] = ((Number) row[2]).longValue();
        }
        List<DashboardView.Bucket> buckets = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            buckets.add(new DashboardView.Bucket(from.plus(Duration.ofHours(h)), figures[h][0], figures[h][1],
                    figures[h][2]));
        }
        return new DashboardView(counts, new DashboardView.Activity(from, to, BUCKET_MINUTES, buckets));
    }

    private static int hours(String text) {
        if (text == null || text.isBlank()) {
            return 24;
        }
        try {
            int hours = Integer.parseInt(text.trim());
            if (hours >= 1 && hours <= MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new ApiException(ErrorCode.INVALID_REQUEST, "hours must be a whole number from 1 to " + MAX_HOURS);
    }
}
