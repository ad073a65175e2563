package org.cardsync.backend.helpdesk;

import java.time.Instant;
import java.util.List;

/** What the operator API shows. */
public final class CardViews {
    private CardViews() {
    }

    public record CardSummary(String cardId, String owner, List<ApplicationSummary> applications) {
    }

    public record ApplicationSummary(long id, String aid, String status, long confirmedCa, long lastAtc, Long lastBalance,
                                     long pendingActions, boolean scriptInFlight) {
    }

    public record ApplicationDetail(long id, String cardId, String owner, String aid, String status, String frozenReason,
                                    long confirmedCa, long lastAtc, Long lastBalance, int keyVersion,
                                    List<ActionView> pending, ScriptView inFlight, List<ActionView> history,
                                    List<AlertView> alerts) {
    }

    /** {@code cancelPending}: a cancel was asked while in flight; the next signed message settles it. */
    public record ActionView(long id, String type, String payload, String state, Long sequence, int attempts,
                             int meritFailures, String reason, boolean cancelPending, String requestedBy,
                             Instant createdAt, Instant updatedAt) {
    }

    public record ScriptView(long id, long baseCa, long sessionAtc, int actionCount, Instant issuedAt,
                             List<ActionView> actions) {
    }

    public record AuditView(long id, Instant at, String kind, String actor, String messageType, Long atc, Long ca,
                            Long actionId, String detail) {
    }

    public record AlertView(long id, Instant at, String kind, String detail, boolean acknowledged) {
    }
}
