package org.cardsync.backend.card;

import static org.cardsync.protocol.CardApplicationId.AID_MAX;
import static org.cardsync.protocol.CardApplicationId.AID_MIN;
import static org.cardsync.protocol.CardApplicationId.CARD_ID_LENGTH;
import static org.cardsync.protocol.Personalisation.MAX_PARAMETER_LENGTH;
import static org.cardsync.protocol.Personalisation.MAX_PARAMETER_SLOT;
import static org.cardsync.protocol.Personalisation.MAX_PARAMETER_SLOTS;
import static org.cardsync.protocol.Personalisation.PIN_MAX_LENGTH;
import static org.cardsync.protocol.Personalisation.PIN_MIN_LENGTH;
import static org.cardsync.protocol.Personalisation.PIN_TRY_LIMIT_MAX;
import static org.cardsync.protocol.Personalisation.PIN_TRY_LIMIT_MIN;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Registers a card and its applications; the answer is the personalisation file for the card. The limits
 * are the card's own, from protocol's {@link org.cardsync.protocol.Personalisation} and
 * {@link org.cardsync.protocol.CardApplicationId} (repeated here so that the API document shows them and a
 * bad request is refused with a coded error before anything is written).
 */
public record IssuanceRequest(
        @Pattern(regexp = "[0-9a-fA-F]{" + 2 * CARD_ID_LENGTH + "}",
                message = "must be " + 2 * CARD_ID_LENGTH + " hex digits") String cardId,
        @Schema(description = "the customer who owns it; absent: the card is unowned and the answer carries its activation code")
        // Control and invisible formatting characters (NUL, newlines, bidirectional overrides, zero-width ones) are
        // refused: they would make an owner that looks like another in the console, forge log and audit lines, or
        // reach PostgreSQL, which refuses NUL in text with a 500.
        @Pattern(regexp = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*",
                message = "must not contain control or invisible formatting characters")
        @Pattern(regexp = "\\S.*", message = "must not be blank") @Size(max = 64) String owner,
        @NotEmpty @Size(max = 8) List<@Valid Application> applications) {

    public record Application(
            @NotNull @Pattern(regexp = "([0-9a-fA-F]{2}){" + AID_MIN + "," + AID_MAX + "}",
                    message = "must be " + AID_MIN + " to " + AID_MAX + " bytes of hex") String aid,
            @NotNull @Min(0) @Max(0xFFFFFFFFL) Long purseLimit,
            @NotNull @Min(0) @Max(0xFFFFFFFFL) Long balance,
            @NotNull @Pattern(regexp = "[0-9]{" + PIN_MIN_LENGTH + "," + PIN_MAX_LENGTH + "}",
                    message = "must be " + PIN_MIN_LENGTH + " to " + PIN_MAX_LENGTH + " digits") String pin,
            @NotNull @Min(PIN_TRY_LIMIT_MIN) @Max(PIN_TRY_LIMIT_MAX) Integer pinTryLimit,
            @Size(max = MAX_PARAMETER_SLOTS)
            Map<@Min(0) @Max(MAX_PARAMETER_SLOT) Integer,
                    @Pattern(regexp = "([0-9a-fA-F]{2}){0," + MAX_PARAMETER_LENGTH + "}",
                            message = "must be hex, at most " + MAX_PARAMETER_LENGTH + " bytes") String> parameters) {
    }
}
