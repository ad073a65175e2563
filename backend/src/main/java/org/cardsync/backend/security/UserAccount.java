package org.cardsync.backend.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A user of the portal or console, with a bcrypt password hash and one role. */
@Entity
@Table(name = "user_account")
@UserDefinition
public class UserAccount extends PanacheEntityBase {
    public static final String CUSTOMER = "customer";
    public static final String HELPDESK = "helpdesk";
    public static final String ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    @Column(nullable = false, unique = true, length = 64)
    public String username;

    @Password
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Roles
    @Column(nullable = false, length = 16)
    public String role;

    /** The name to show ("Alice Martin"); may be null. Staff names are never shown to customers. */
    @Column(name = "display_name", length = 100)
    public String displayName;

    @Column(length = 254)
    public String email;

    /** A disabled account has no session and cannot sign in, by session or HTTP Basic. */
    @Column(nullable = false)
    public boolean disabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static UserAccount create(String username, String password, String role, String displayName, String email) {
        UserAccount u = new UserAccount();
        u.username = username;
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.role = role;
        u.displayName = displayName;
        u.email = email;
        u.createdAt = Instant.now();
        u.persist();
        return u;
    }

    public static Optional<UserAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public boolean isStaff() {
        return HELPDESK.equals(role) || ADMIN.equals(role);
    }

    public static boolean exists(String username) {
        return count("username", username) > 0;
    }
}
