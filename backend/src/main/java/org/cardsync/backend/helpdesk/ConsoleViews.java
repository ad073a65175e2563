package org.cardsync.backend.helpdesk;

import java.time.Instant;
import java.util.List;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the staff API shows the helpdesk console (docs/api.md "Staff API"): staff only, so staff names and comments
 * appear as they are. Every list is bounded or paged. The {@code @Schema} annotations give the web UI precise
 * generated types.
 */
public final class ConsoleViews {
    private ConsoleViews() {
    }

    @Schema(name = "CustomerView")
    public record CustomerView(
            @Schema(required = true) String username,
            @Schema(required = true, nullable = true) String displayName,
            @Schema(required = true, nullable = true) String email) {
    }

    @Schema(name = "CardSummary")
    public record CardSummary(
            @Schema(required = true) String cardId,
            @Schema(required = true, nullable = true, description = "null: unowned until its holder links it")
            CustomerView customer,
            @Schema(required = true) List<ApplicationSummary> applications) {
    }

    @Schema(name = "ApplicationSummary")
    public record ApplicationSummary(
            @Schema(required = true) long id,
            @Schema(required = true) String aid,
            @Schema(required = true) String productName,
            @Schema(required = true) String status,
            @Schema(required = true) long confirmedCa,
            @Schema(required = true) long lastAtc,
            @Schema(required = true, nullable = true) Long lastBalance,
            @Schema(required = true, description = "QUEUED actions") long pendingActions,
            @Schema(required = true) boolean scriptInFlight,
            @Schema(required = true) long openAlerts) {
    }

    @Schema(name = "CardPage")
    public record CardPage(
            @Schema(required = true) List<CardSummary> items,
            @Schema(required = true) int page,
            @Schema(required = true) int size,
            @Schema(required = true) long total) {
    }

    @Schema(name = "ApplicationDetail")
    public record ApplicationDetail(
            @Schema(required = true) long id,
            @Schema(required = true) String cardId,
            @Schema(required = true, nullable = true) CustomerView customer,
            @Schema(required = true) String aid,
            @Schema(required = true) String productName,
            @Schema(required = true, description = "ISO 4217, XXX if unknown") String currency,
            @Schema(required = true, description = "ACTIVE, BLOCKED, FROZEN, ...") String status,
            @Schema(required = true, nullable = true) FreezeView frozen,
            @Schema(required = true) long confirmedCa,
            @Schema(required = true) long lastAtc,
            @Schema(required = true, nullable = true) Instant lastMessageAt,
            @Schema(required = true, nullable = true) Long lastBalance,
            @Schema(required = true) int keyVersion,
            @Schema(required = true, nullable = true) ScriptView inFlight,
            @Schema(required = true, description = "QUEUED actions in order, at most 100") List<ActionView> pending,
            @Schema(required = true) long pendingTotal,
            @Schema(required = true, description = "the 10 last finished actions, newest first") List<ActionView> recent,
            @Schema(required = true, description = "open alerts, most recent first, at most 20") List<AlertView> alerts,
            @Schema(required = true) long openAlerts) {
    }

    @Schema(name = "FreezeView")
    public record FreezeView(
            @Schema(required = true) String reason,
            @Schema(required = true, nullable = true, description = "when it was frozen") Instant since,
            @Schema(required = true, nullable = true, description = "the CA the card last signed: what a resync sets")
            Long signedCa,
            @Schema(required = true, nullable = true) Long signedAtc) {
    }

    @Schema(name = "ScriptView")
    public record ScriptView(
            @Schema(required = true) long id,
            @Schema(required = true) long baseCa,
            @Schema(required = true) long sessionAtc,
            @Schema(required = true) int actionCount,
            @Schema(required = true) Instant issuedAt,
            @Schema(required = true) List<ActionView> actions) {
    }

    /**
     * {@code cancelRequested} stays true after settlement (the state then says what the card proved);
     * {@code cancelPending}: requested and still IN_FLIGHT, the next signed message settles it.
     */
    @Schema(name = "ActionView")
    public record ActionView(
            @Schema(required = true) long id,
            @Schema(required = true) String type,
            @Schema(required = true, description = "the script command payload, hex") String payload,
            @Schema(required = true, description = "e.g. CREDIT 2000") String summary,
            @Schema(required = true, description = "QUEUED, IN_FLIGHT, EXECUTED, FAILED, CANCELLED") String state,
            @Schema(required = true, nullable = true) Long sequence,
            @Schema(required = true) int attempts,
            @Schema(required = true) int meritFailures,
            @Schema(required = true, nullable = true) String reason,
            @Schema(required = true) boolean cancelRequested,
            @Schema(required = true) boolean cancelPending,
            @Schema(required = true) String requestedBy,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {
    }

    @Schema(name = "ActionPage")
    public record ActionPage(
            @Schema(required = true) List<ActionView> items,
            @Schema(required = true) int page,
            @Schema(required = true) int size,
            @Schema(required = true) long total) {
    }

    @Schema(name = "AuditView")
    public record AuditView(
            @Schema(required = true) long id,
            @Schema(required = true) Instant at,
            @Schema(required = true) AuditKind kind,
            @Schema(required = true) String actor,
            @Schema(required = true, nullable = true) String messageType,
            @Schema(required = true, nullable = true) Long atc,
            @Schema(required = true, nullable = true) Long ca,
            @Schema(required = true, nullable = true) Long actionId,
            @Schema(required = true, nullable = true) String detail,
            @Schema(required = true, nullable = true, description = "the staff comment of an act") String comment) {
    }

    @Schema(name = "AuditPage")
    public record AuditPage(
            @Schema(required = true) List<AuditView> items,
            @Schema(required = true) int page,
            @Schema(required = true) int size,
            @Schema(required = true) long total) {
    }

    @Schema(name = "AlertView")
    public record AlertView(
            @Schema(required = true) long id,
            @Schema(required = true, nullable = true) Long applicationId,
            @Schema(required = true, nullable = true) String cardId,
            @Schema(required = true, nullable = true) String aid,
            @Schema(required = true) AlertKind kind,
            @Schema(required = true, nullable = true, description = "the latest occurrence's detail") String detail,
            @Schema(required = true, description = "occurrences while open") long count,
            @Schema(required = true) Instant firstSeen,
            @Schema(required = true) Instant lastSeen,
            @Schema(required = true) boolean acknowledged,
            @Schema(required = true, nullable = true) String acknowledgedBy,
            @Schema(required = true, nullable = true) Instant acknowledgedAt,
            @Schema(required = true, nullable = true) String comment) {
    }

    @Schema(name = "AlertPage")
    public record AlertPage(
            @Schema(required = true) List<AlertView> items,
            @Schema(required = true) int page,
            @Schema(required = true) int size,
            @Schema(required = true) long total) {
    }
}
