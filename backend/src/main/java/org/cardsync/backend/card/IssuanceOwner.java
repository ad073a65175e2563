package org.cardsync.backend.card;

import java.util.List;
import java.util.Optional;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.security.UserAccount;

/**
 * Who may own an issued card: an existing customer account, named exactly as it is (docs/api.md "Issuing cards").
 * Control and invisible formatting characters are refused earlier, by {@link IssuanceRequest}'s validation.
 */
final class IssuanceOwner {
    private IssuanceOwner() {
    }

    /**
     * Refuses an owner that is not an existing customer account with UNKNOWN_OWNER. A card owned by a name nobody holds
     * (a typo) would be readable by whoever registers that name later; owned by a staff account it would show in no
     * customer's portal. A case variant of an account ("Alice" for "alice") is refused, not normalised: sign-in and the
     * portal compare names exactly, so the card would belong to nobody, or to another account that differs only in
     * case; the message names the account that exists, so that the issuer corrects its record. Runs in the caller's
     * transaction; null (an unowned card) passes.
     */
    static void requireCustomer(String owner) {
        if (owner == null) {
            return;
        }
        List<UserAccount> sameLetters = UserAccount.list("lower(username) = lower(?1)", owner);
        Optional<UserAccount> exact = sameLetters.stream().filter(u -> u.username.equals(owner)).findFirst();
        if (exact.filter(u -> UserAccount.CUSTOMER.equals(u.role)).isPresent()) {
            return;
        }
        Optional<String> variant = sameLetters.stream().filter(u -> UserAccount.CUSTOMER.equals(u.role))
                .map(u -> u.username).findFirst();
        throw new ApiException(ErrorCode.UNKNOWN_OWNER, variant
                .map(v -> "no customer account '" + owner + "': the customer account '" + v + "' differs only in case;"
                        + " write the owner exactly as the account is named")
                .orElse("no customer account '" + owner + "': issue the card to an existing customer, or without an"
                        + " owner (with an activation code)"));
    }
}
