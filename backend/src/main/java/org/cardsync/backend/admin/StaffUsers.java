package org.cardsync.backend.admin;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.audit.Comments;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.helpdesk.Paging;
import org.cardsync.backend.security.PasswordSignIn;
import org.cardsync.backend.security.UserAccount;
import org.cardsync.backend.security.session.SessionStore;

/**
 * The staff accounts (helpdesk, admin), managed by admins: create, disable, enable, set a password. Disabling and a
 * new password end the account's sessions at once; a disabled account cannot sign in, by session or HTTP Basic.
 * Audited with no application.
 */
@ApplicationScoped
public class StaffUsers {
    private final SessionStore sessions;
    private final PasswordSignIn passwords;
    private final AuditTrail audit;

    public StaffUsers(SessionStore sessions, PasswordSignIn passwords, AuditTrail audit) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Transactional
    public StaffUserViews.StaffUserPage list(Paging paging) {
        var query = UserAccount.<UserAccount>find("role in ?1 order by username", List.of(UserAccount.HELPDESK,
                UserAccount.ADMIN));
        return new StaffUserViews.StaffUserPage(query.page(paging.page(), paging.size()).list().stream()
                .map(StaffUserViews::view).toList(), paging.page(), paging.size(), query.count());
    }

    @Transactional
    public StaffUserViews.StaffUser create(StaffUserViews.NewStaffUser request, String actor) {
        String username = request.username();
        // any account, customer or staff: one name is one person in the audit trail
        if (UserAccount.exists(username)) {
            throw new ApiException(ErrorCode.CONFLICT, "an account named " + username + " already exists");
        }
        String email = request.email() == null || request.email().isBlank() ? null
                : request.email().strip().toLowerCase(Locale.ROOT);
        UserAccount u = UserAccount.create(username, request.password(), request.role(), request.displayName().strip(),
                email);
        audit.record(null, AuditKind.USER_CREATED, actor, username + " (" + u.role + ")");
        return StaffUserViews.view(u);
    }

    @Transactional
    public StaffUserViews.StaffUser disable(String username, String actor, String comment) {
        UserAccount u = staff(username);
        if (u.username.equals(actor)) {
            // an admin locking themself out would leave nobody to undo it (if they were the last admin)
            throw new ApiException(ErrorCode.INVALID_STATE, "you cannot disable your own account");
        }
        if (!u.disabled) {
            u.disabled = true;
            endSessions(u);
            audit.act(null, AuditKind.USER_DISABLED, actor, null, username, Comments.clean(comment));
        }
        return StaffUserViews.view(u);
    }

    @Transactional
    public StaffUserViews.StaffUser enable(String username, String actor, String comment) {
        UserAccount u = staff(username);
        if (u.disabled) {
            u.disabled = false;
            audit.act(null, AuditKind.USER_ENABLED, actor, null, username, Comments.clean(comment));
        }
        return StaffUserViews.view(u);
    }

    @Transactional
    public StaffUserViews.StaffUser setPassword(String username, String password, String actor) {
        UserAccount u = staff(username);
        u.passwordHash = BcryptUtil.bcryptHash(password);
        endSessions(u);
        // never the password, in the trail or anywhere else
        audit.record(null, AuditKind.PASSWORD_RESET, actor, username);
        return StaffUserViews.view(u);
    }

    /** A stolen session or a remembered Basic password of the account stops working now, on every instance. */
    private void endSessions(UserAccount u) {
        sessions.closeAllOf(u);
        passwords.forget(u.username);
    }

    private static UserAccount staff(String username) {
        return UserAccount.findByUsername(username).filter(UserAccount::isStaff)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no staff account " + username));
    }
}
