package org.cardsync.backend.security.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.security.UserAccount;

/** A browser's signed-in session. Only the SHA-256 of the cookie's token is stored. */
@Entity
@Table(name = "web_session")
public class WebSession extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    public UserAccount user;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    public static Optional<WebSession> findByTokenHash(String tokenHash) {
        return findByIdOptional(tokenHash);
    }

    public static long deleteByTokenHash(String tokenHash) {
        return delete("tokenHash", tokenHash);
    }

    /** Deletes every session that is over by either timeout. */
    public static long deleteExpired(Instant idleSince, Instant createdBefore) {
        return delete("lastSeenAt < ?1 or createdAt < ?2", idleSince, createdBefore);
    }

    /**
     * Deletes all but the {@code keep} newest sessions of {@code user}: a script signing in over and over (or a
     * leaked password used from many places) cannot grow the table without bound between expiry sweeps.
     */
    public static void keepNewest(UserAccount user, int keep) {
        List<WebSession> sessions = list("user", Sort.descending("createdAt"), user);
        sessions.stream().skip(keep).forEach(WebSession::delete);
    }
}
