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

    public static UserAccount create(String username, String password, String role) {
        UserAccount u = new UserAccount();
        u.username = username;
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.role = role;
        u.persist();
        return u;
    }

    public static boolean exists(String username) {
        return count("username", username) > 0;
    }
}
