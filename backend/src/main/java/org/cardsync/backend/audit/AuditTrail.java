package org.cardsync.backend.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.cardsync.protocol.UpstreamMessage;

/** Writes audit events and alerts, in the caller's transaction. */
@ApplicationScoped
public class AuditTrail {
    private final MeterRegistry meters;

    public AuditTrail(MeterRegistry meters) {
        this.meters = meters;
    }

    public AuditEvent record(Long applicationId, AuditKind kind, String actor, UpstreamMessage message, Long actionId,
                             String detail) {
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
        e.detail = detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        e.persist();
        return e;
    }

    public void record(Long applicationId, AuditKind kind, String actor, String detail) {
        record(applicationId, kind, actor, null, null, detail);
    }

    public Alert alert(Long applicationId, AlertKind kind, String detail) {
        Alert a = new Alert();
        a.applicationId = applicationId;
        a.at = Instant.now();
        a.kind = kind;
        a.detail = detail;
        a.acknowledged = false;
        a.persist();
        meters.counter("cardsync.alerts", "kind", kind.name()).increment();
        return a;
    }
}
