package org.cardsync.backend.action;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an operator asks for. {@code type} is CREDIT, WRITE_PARAMETER, LOAD_APPLICATION, BLOCK, UNBLOCK or
 * RESET_PIN_TRIES; the other fields are used by the types that need them.
 */
public record ActionRequest(
        @NotNull @Pattern(regexp = "CREDIT|WRITE_PARAMETER|LOAD_APPLICATION|BLOCK|UNBLOCK|RESET_PIN_TRIES",
                message = "must be one of CREDIT, WRITE_PARAMETER, LOAD_APPLICATION, BLOCK, UNBLOCK, RESET_PIN_TRIES")
        String type,
        @Min(value = 1, message = "must be at least 1") @Max(value = 0xFFFFFFFFL, message = "must fit in 32 bits")
        Long amount,
        @Min(0) @Max(7) Integer slot,
        @Pattern(regexp = "([0-9a-fA-F]{2}){0,32}", message = "must be hex, at most 32 bytes") String value,
        @Min(0) @Max(0xFFFF) Integer appId,
        @Size(min = 2, max = 512, message = "must be 1 to 256 bytes of hex")
        @Pattern(regexp = "([0-9a-fA-F]{2})*", message = "must be hex") String record) {
}
