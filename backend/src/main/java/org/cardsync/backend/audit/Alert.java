package org.cardsync.backend.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Something the helpdesk should look at. Repeats are aggregated: one open alert per (application, kind) counts them
 * ({@link AuditTrail#alert}); acknowledging closes it and the next repeat opens a new one.
 */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id")
    public Long applicationId;

    /** When it was opened (the same as {@link #firstSeen}). */
    @Column(nullable = false)
    public Instant at;

    /** How many times it happened while open. */
    @Column(nullable = false)
    public long count;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public AlertKind kind;

    /** The latest occurrence's detail. */
    @Column(length = 1000)
    public String detail;

    @Column(nullable = false)
    public boolean acknowledged;

    @Column(name = "acknowledged_by", length = 64)
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** The comment of the staff member who acknowledged it. */
    @Column(length = 400)
    public String comment;

    /** The open alerts of an application, the most recent first, at most {@code limit}. */
    public static List<Alert> openOf(long applicationId, int limit) {
        return find("applicationId = ?1 and acknowledged = false order by lastSeen desc, id desc", applicationId)
                .page(0, limit).list();
    }

    public static long countOpen(long applicationId) {
        return count("applicationId = ?1 and acknowledged = false", applicationId);
    }
}
