package org.cardsync.backend.security.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.security.UserAccount;

/**
 * Browser sessions, kept in PostgreSQL so that sign-out revokes a session at once and every backend instance on the
 * database honours it (ARCHITECTURE.md section 8: instances hold no session state of their own). Quarkus' form
 * authentication keeps the session in an encrypted cookie instead, which sign-out can only ask the browser to
 * forget: a copied cookie would stay valid until it expires.
 */
@ApplicationScoped
public class SessionStore {
    /** A session's last use is written at most this often, so a busy page does not write on every request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The most sessions one user has at once; signing in again ends the oldest. */
    static final int SESSIONS_PER_USER = 10;

    /**
     * The identity attribute naming the session a request was signed in with (the token's SHA-256, as stored; never
     * the token): long-lived connections such as the portal's WebSocket remember it, to end with the session.
     */
    public static final String SESSION_ATTRIBUTE = "cardsync.session";

    private final SecureRandom random = new SecureRandom();
    private final CardsyncConfig.SignIn config;
    private final Event<SessionEnded> ended;
    private final Event<UserSignedOut> signedOut;

    public SessionStore(CardsyncConfig.SignIn config, Event<SessionEnded> ended, Event<UserSignedOut> signedOut) {
        this.signedOut = signedOut;
        this.config = config;
        this.ended = ended;
    }

    /** The {@link #SESSION_ATTRIBUTE} of a token. */
    public static String sessionId(String token) {
        return hash(token);
    }

    /** Who a live session belongs to. */
    public record SessionUser(String username, String role) {
    }

    /** Opens a session for {@code username} and returns the token for its cookie. */
    @Transactional
    public String open(String username) {
        Instant now = Instant.now();
        WebSession.deleteExpired(now.minus(config.idleTimeout()), now.minus(config.absoluteTimeout()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        WebSession s = new WebSession();
        s.tokenHash = hash(token);
        s.user = UserAccount.find("username", username).<UserAccount>firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("signed in as a user that does not exist"));
        s.createdAt = now;
        s.lastSeenAt = now;
        s.persist();
        WebSession.keepNewest(s.user, SESSIONS_PER_USER);
        return token;
    }

    /** The user of a live session; an expired one is deleted. Every call counts as use of the session. */
    @Transactional
    public Optional<SessionUser> resolve(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<WebSession> found = WebSession.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WebSession s = found.get();
        Instant now = Instant.now();
        // a disabled account's sessions are deleted when it is disabled; this also ends one a sign-in racing the
        // disabling opened
        if (s.user.disabled || s.lastSeenAt.plus(config.idleTimeout()).isBefore(now)
                || s.createdAt.plus(config.absoluteTimeout()).isBefore(now)) {
            s.delete();
            return Optional.empty();
        }
        if (s.lastSeenAt.plus(TOUCH_INTERVAL).isBefore(now)) {
            s.lastSeenAt = now;
        }
        return Optional.of(new SessionUser(s.user.username, s.user.role));
    }

    /** Ends the session of {@code token}, if there is one. */
    @Transactional
    public void close(String token) {
        if (token != null && TOKEN.matcher(token).matches()) {
            WebSession.deleteByTokenHash(hash(token));
            ended.fire(new SessionEnded(hash(token)));
        }
    }

    /**
     * Ends every session of {@code user} (disabled, or given a new password): a stolen session cookie stops working
     * at once, and the user's open sockets close.
     */
    @Transactional
    public void closeAllOf(UserAccount user) {
        for (WebSession s : WebSession.<WebSession>list("user", user)) {
            s.delete();
            ended.fire(new SessionEnded(s.tokenHash));
        }
        signedOut.fire(new UserSignedOut(user.username));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
