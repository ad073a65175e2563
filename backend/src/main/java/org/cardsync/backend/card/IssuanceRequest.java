package org.cardsync.backend.card;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Registers a card and its applications; the answer is the personalisation file for the card. */
public record IssuanceRequest(
        @Pattern(regexp = "[0-9a-fA-F]{16}", message = "must be 16 hex digits") String cardId,
        @NotBlank @Size(max = 64) String owner,
        @NotEmpty @Size(max = 8) List<@Valid Application> applications) {

    public record Application(
            @NotNull @Pattern(regexp = "([0-9a-fA-F]{2}){5,16}", message = "must be 5 to 16 bytes of hex") String aid,
            @NotNull @Min(0) @Max(0xFFFFFFFFL) Long purseLimit,
            @NotNull @Min(0) @Max(0xFFFFFFFFL) Long balance,
            @NotNull @Pattern(regexp = "[0-9]{4,8}", message = "must be 4 to 8 digits") String pin,
            @NotNull @Min(1) @Max(15) Integer pinTryLimit,
            Map<@Min(0) @Max(7) Integer, @Pattern(regexp = "([0-9a-fA-F]{2}){0,32}") String> parameters) {
    }
}
