package org.cardsync.backend.helpdesk;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The dashboard's figures: what is waiting now, and what the card sessions did per hour (from the audit trail). */
@Schema(name = "Dashboard")
public record DashboardView(@Schema(required = true) Counts counts, @Schema(required = true) Activity activity) {

    @Schema(name = "DashboardCounts")
    public record Counts(
            @Schema(required = true, description = "QUEUED actions") long queued,
            @Schema(required = true, description = "IN_FLIGHT actions") long inFlight,
            @Schema(required = true, description = "FAILED actions") long failed,
            @Schema(required = true, description = "FROZEN applications") long frozen,
            @Schema(required = true) long openAlerts) {
    }

    @Schema(name = "DashboardActivity")
    public record Activity(
            @Schema(required = true) Instant from,
            @Schema(required = true) Instant to,
            @Schema(required = true) int bucketMinutes,
            @Schema(required = true, description = "every bucket from 'from' to 'to', oldest first") List<Bucket> buckets) {
    }

    @Schema(name = "DashboardBucket")
    public record Bucket(
            @Schema(required = true) Instant start,
            @Schema(required = true, description = "ACTION_EXECUTED events") long executed,
            @Schema(required = true, description = "ACTION_REQUEUED events (resent next session)") long resends,
            @Schema(required = true, description = "MESSAGE_REJECTED events") long refusals) {
    }
}
