package org.cardsync.backend.portal;

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
import java.util.Optional;
import org.cardsync.backend.portal.PortalViews.PaymentState;

/** A customer's top-up payment: PENDING until the payment provider says PAID (the CREDIT is queued) or DECLINED. */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public long applicationId;

    /** The customer who pays; only they may see or complete it. */
    @Column(nullable = false, length = 64)
    public String customer;

    /** Minor units of the application's currency. */
    @Column(nullable = false)
    public long amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PaymentState state;

    /** The CREDIT queued when it was paid. */
    @Column(name = "action_id")
    public Long actionId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The payment if it is this customer's; the same empty answer whether it exists or not. */
    public static Optional<Payment> findOwn(long id, String customer) {
        return find("id = ?1 and customer = ?2", id, customer).firstResultOptional();
    }
}
