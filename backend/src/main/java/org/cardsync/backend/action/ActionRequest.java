package org.cardsync.backend.action;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cardsync.backend.audit.Comments;
import org.cardsync.protocol.ActionPayload.Credit;
import org.cardsync.protocol.ActionPayload.LoadApplicationBlock;
import org.cardsync.protocol.ActionPayload.WriteParameter;
import org.cardsync.protocol.ApplicationLoad;

/**
 * What an operator asks for. {@code type} is CREDIT, WRITE_PARAMETER, LOAD_APPLICATION, BLOCK, UNBLOCK or
 * RESET_PIN_TRIES; the other fields are used by the types that need them. The limits are the card's own,
 * from protocol's {@link org.cardsync.protocol.ActionPayload} (repeated here so that the API document shows
 * them and a bad request is refused before anything is locked). {@code comment} is the staff member's note for the
 * audit trail (trimmed; empty is none).
 */
public record ActionRequest(
        @NotNull @Pattern(regexp = "CREDIT|WRITE_PARAMETER|LOAD_APPLICATION|BLOCK|UNBLOCK|RESET_PIN_TRIES",
                message = "must be one of CREDIT, WRITE_PARAMETER, LOAD_APPLICATION, BLOCK, UNBLOCK, RESET_PIN_TRIES")
        String type,
        @Min(value = Credit.MIN_AMOUNT, message = "must be at least " + Credit.MIN_AMOUNT)
        @Max(value = Credit.MAX_AMOUNT, message = "must fit in 32 bits")
        Long amount,
        @Min(0) @Max(WriteParameter.MAX_SLOT) Integer slot,
        @Pattern(regexp = "([0-9a-fA-F]{2}){0," + WriteParameter.MAX_VALUE_LENGTH + "}",
                message = "must be hex, at most " + WriteParameter.MAX_VALUE_LENGTH + " bytes") String value,
        @Min(0) @Max(LoadApplicationBlock.MAX_APP_ID) Integer appId,
        @Size(min = 2, max = 2 * ApplicationLoad.MAX_RECORD_LENGTH,
                message = "must be 1 to " + ApplicationLoad.MAX_RECORD_LENGTH + " bytes of hex")
        @Pattern(regexp = "([0-9a-fA-F]{2})*", message = "must be hex") String record,
        @Size(max = Comments.MAX_LENGTH, message = "must be at most " + Comments.MAX_LENGTH + " characters")
        String comment) {

    /** A request without a comment (the portal's, on the customer's behalf). */
    public ActionRequest(String type, Long amount, Integer slot, String value, Integer appId, String record) {
        this(type, amount, slot, value, appId, record, null);
    }
}
