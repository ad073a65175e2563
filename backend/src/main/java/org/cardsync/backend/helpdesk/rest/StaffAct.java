package org.cardsync.backend.helpdesk.rest;

import jakarta.validation.constraints.Size;
import org.cardsync.backend.audit.Comments;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a staff act (may be {@code {}}): an optional comment for the audit trail, trimmed, empty is none.
 * Requiring a JSON body stops cross-site request forgery: a hostile page cannot send application/json cross-origin
 * without a CORS preflight, which is refused.
 */
@Schema(name = "StaffAct")
public record StaffAct(
        @Schema(description = "why, for the audit trail (at most 400 characters)")
        @Size(max = Comments.MAX_LENGTH, message = "must be at most " + Comments.MAX_LENGTH + " characters")
        String comment) {
}
