package org.cardsync.backend.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.cardsync.protocol.UpstreamMessage;

/** Writes audit events and alerts, in the caller's transaction. */
@ApplicationScoped
public class AuditTrail {
    static final int MAX_DETAIL = 2000;
    static final int MAX_ALERT_DETAIL = 1000;

    private final MeterRegistry meters;
    private final EntityManager entities;

    public AuditTrail(MeterRegistry meters, EntityManager entities) {
        this.meters = meters;
        this.entities = entities;
    }

    public AuditEvent record(Long applicationId, AuditKind kind, String actor, UpstreamMessage message, Long actionId,
                             String detail) {
        AuditEvent e = event(applicationId, kind, actor, message, actionId, detail);
        e.persist();
        return e;
    }

    private static AuditEvent event(Long applicationId, AuditKind kind, String actor, UpstreamMessage message,
                                    Long actionId, String detail) {
        AuditEvent e = new AuditEvent();
        e.applicationId = applicationId;
        e.at = Instant.now();
        e.kind = kind;
        e.actor = actor;
        if (message != null) {
            e.messageType = message.type().name();
            e.atc = message.atc();
            e.ca = message.ca();
        }
        e.actionId = actionId;
        e.detail = truncate(detail, MAX_DETAIL);
        return e;
    }

    public void record(Long applicationId, AuditKind kind, String actor, String detail) {
        record(applicationId, kind, actor, null, null, detail);
    }

    /** A staff member's act, with their comment (null: none) kept apart from the detail. */
    public AuditEvent act(Long applicationId, AuditKind kind, String actor, Long actionId, String detail, String comment) {
        AuditEvent e = event(applicationId, kind, actor, null, actionId, detail);
        e.comment = comment;
        e.persist();
        return e;
    }

    /**
     * Raises an alert, or counts a repeat on the open alert of this (application, kind): its count, last seen and
     * latest detail. One statement (INSERT … ON CONFLICT on the partial unique index of open alerts), so that
     * concurrent repeats neither lose a count nor open a second row: a flood of forged messages naming one card
     * (3,046 bad MACs in 5 s once made as many rows) costs one row, and the application's detail stays small.
     */
    public Alert alert(Long applicationId, AlertKind kind, String detail) {
        meters.counter("cardsync.alerts", "kind", kind.name()).increment();
        String text = truncate(detail, MAX_ALERT_DETAIL);
        Instant now = Instant.now();
        if (applicationId == null) {
            // no (application, kind) to aggregate on: the partial unique index does not hold nulls
            Alert a = new Alert();
            a.kind = kind;
            a.detail = text;
            a.at = a.firstSeen = a.lastSeen = now;
            a.count = 1;
            a.persist();
            return a;
        }
        Number id = (Number) entities.createNativeQuery("""
                        insert into alert (application_id, at, kind, detail, acknowledged, count, first_seen, last_seen)
                        values (:app, :now, :kind, :detail, false, 1, :now, :now)
                        on conflict (application_id, kind) where not acknowledged
                        do update set count = alert.count + 1, last_seen = excluded.last_seen, detail = excluded.detail
                        returning id""")
                .setParameter("app", applicationId).setParameter("now", now).setParameter("kind", kind.name())
                .setParameter("detail", text).getSingleResult();
        Alert a = Alert.findById(id.longValue());
        entities.refresh(a);
        return a;
    }

    static String truncate(String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max) : text;
    }
}
