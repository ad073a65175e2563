package org.cardsync.backend.transaction;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A PURCHASE the card debited and signed. */
@Entity
@Table(name = "purchase")
public class Purchase extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public long applicationId;

    @Column(nullable = false)
    public long atc;

    @Column(nullable = false)
    public long amount;

    @Column(name = "balance_after", nullable = false)
    public long balanceAfter;

    @Column(nullable = false)
    public Instant at;
}
