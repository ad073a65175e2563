package org.cardsync.backend.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin's view of staff accounts, and what creating one or setting its password takes. */
public final class StaffUserViews {
    /** At least this long: staff passwords open every card's controls. */
    public static final int MIN_PASSWORD = 12;

    private StaffUserViews() {
    }

    @Schema(name = "StaffUser")
    public record StaffUser(
            @Schema(required = true) String username,
            @Schema(required = true, nullable = true) String displayName,
            @Schema(required = true, nullable = true) String email,
            @Schema(required = true, enumeration = {"helpdesk", "admin"}) String role,
            @Schema(required = true) boolean disabled,
            @Schema(required = true) Instant createdAt) {
    }

    @Schema(name = "StaffUserPage")
    public record StaffUserPage(
            @Schema(required = true) List<StaffUser> items,
            @Schema(required = true) int page,
            @Schema(required = true) int size,
            @Schema(required = true) long total) {
    }

    @Schema(name = "NewStaffUser")
    public record NewStaffUser(
            @NotNull(message = "is required")
            @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}",
                    message = "must be 2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit")
            String username,
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String displayName,
            @Email(message = "must be an e-mail address") @Size(max = 254, message = "is too long") String email,
            @NotNull(message = "is required")
            @Pattern(regexp = "helpdesk|admin", message = "must be helpdesk or admin")
            @Schema(enumeration = {"helpdesk", "admin"}) String role,
            @NotNull(message = "is required")
            @Size(min = MIN_PASSWORD, max = 200, message = "must be " + MIN_PASSWORD + " to 200 characters")
            String password) {
    }

    @Schema(name = "NewPassword")
    public record NewPassword(
            @NotNull(message = "is required")
            @Size(min = MIN_PASSWORD, max = 200, message = "must be " + MIN_PASSWORD + " to 200 characters")
            String password) {
    }

    static StaffUser view(UserAccount u) {
        return new StaffUser(u.username, u.displayName, u.email, u.role, u.disabled, u.createdAt);
    }
}
