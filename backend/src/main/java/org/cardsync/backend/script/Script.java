package org.cardsync.backend.script;

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

/** A script: the actions issued in answer to one REQUEST, bound to its ATC, starting at base CA b. */
@Entity
@Table(name = "script")
public class Script extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public long applicationId;

    @Column(name = "base_ca", nullable = false)
    public long baseCa;

    /** The confirmed action chain when the script was issued: the card's H at {@link #baseCa}. */
    @Column(name = "base_chain", nullable = false)
    public byte[] baseChain;

    @Column(name = "session_atc", nullable = false)
    public long sessionAtc;

    @Column(name = "action_count", nullable = false)
    public int actionCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ScriptStatus status;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "settled_at")
    public Instant settledAt;

    @Column(name = "settled_ca")
    public Long settledCa;

    /**
     * The script in flight for an application. Rule 7 makes it at most one (and V7's partial unique index holds the
     * database to it); ordered anyway, so that the answer never depends on a plan's row order. The console's read;
     * the message path's twin is {@code ScriptRows.inFlight}: keep their filter the same.
     */
    public static Optional<Script> inFlight(long applicationId) {
        return find("applicationId = ?1 and status = ?2 order by id", applicationId, ScriptStatus.IN_FLIGHT)
                .firstResultOptional();
    }
}
