package org.cardsync.backend.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the append-only audit trail: only ever inserted. It names the upstream message (type, ATC,
 * CA) that caused a transition; it never holds a key or a MAC (rule 10).
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    public Long id;

    @Column(name = "application_id")
    public Long applicationId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public AuditKind kind;

    @Column(nullable = false, length = 64)
    public String actor;

    @Column(name = "message_type", length = 16)
    public String messageType;

    public Long atc;

    public Long ca;

    @Column(name = "action_id")
    public Long actionId;

    @Column(length = 2000)
    public String detail;

    /** The staff member's comment on the act this event records (never shown to customers). */
    @Column(length = 400)
    public String comment;

    /**
     * One page of an application's trail, newest first. Ids come in blocks per backend instance, so time orders the
     * trail; the id breaks ties.
     */
    public static List<AuditEvent> pageOf(long applicationId, int page, int size) {
        return find("applicationId = ?1 order by at desc, id desc", applicationId).page(page, size).list();
    }
}
