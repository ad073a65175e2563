package org.cardsync.backend.action;

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
import org.cardsync.protocol.ActionType;

/** One action for one card application: one script command when issued. */
@Entity
@Table(name = "action")
public class Action extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public long applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ActionType type;

    /** The script command payload, hex. */
    @Column(nullable = false, length = 512)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ActionState state;

    /** Order in the pending list; requeued actions keep theirs, so they return to the head. */
    @Column(nullable = false)
    public long position;

    /** s, the CA value this action takes when applied; set when issued. */
    @Column(name = "sequence_number")
    public Long sequenceNumber;

    @Column(name = "script_id")
    public Long scriptId;

    /** How many scripts carried it. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "merit_failures", nullable = false)
    public int meritFailures;

    @Column(length = 200)
    public String reason;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    /** Actions of one LOAD_APPLICATION request share a group; if one fails for good, the rest fail too. */
    @Column(name = "group_id", length = 36)
    public String groupId;

    @Column(name = "requested_by", nullable = false, length = 64)
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The head of the pending list: at most {@code limit} actions, in order. The console's read; the message path's
     * twin is {@link ActionRows#pendingHead}: keep their filter and order the same.
     */
    public static List<Action> pendingHead(long applicationId, int limit) {
        return find("applicationId = ?1 and state = ?2 order by position", applicationId, ActionState.QUEUED)
                .page(0, limit).list();
    }

    /** EXECUTED actions numbered above {@code ca}, in sequence order. */
    public static List<Action> executedAbove(long applicationId, long ca) {
        return list("applicationId = ?1 and state = ?2 and sequenceNumber > ?3 order by sequenceNumber", applicationId,
                ActionState.EXECUTED, ca);
    }

    public static List<Action> ofScript(long scriptId) {
        return list("scriptId = ?1 and state = ?2 order by sequenceNumber", scriptId, ActionState.IN_FLIGHT);
    }

    public static List<Action> ofApplication(long applicationId) {
        return list("applicationId = ?1 order by position", applicationId);
    }

    public static long nextPosition(long applicationId) {
        Long max = getEntityManager()
                .createQuery("select max(a.position) from Action a where a.applicationId = :app", Long.class)
                .setParameter("app", applicationId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
