package org.cardsync.agent.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides whether a WebSocket handshake's Origin header may talk to the agent.
 *
 * <p>A browser sets Origin itself on every WebSocket handshake and a page cannot forge it, so an exact
 * match against the user's allow-list stops any page of another site (a malicious ad, a phishing copy of
 * the portal on a look-alike domain, a site that DNS-rebinds its name to 127.0.0.1) from ever reaching a
 * reader. A handshake without Origin comes from a program, not a browser page: such a program already
 * runs as the user and could use PC/SC directly, so refusing it costs nothing and keeps the rule simple.
 */
public final class OriginPolicy {

    /** Why a handshake was refused or accepted; {@code reason} is for the log. */
    public record Decision(boolean allowed, String reason) {
    }

    private volatile Set<WebOrigin> allowed;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public OriginPolicy(Set<WebOrigin> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public Set<WebOrigin> allowed() {
        return allowed;
    }

    /** Replaces the allow-list (after the user changed it on disk) and tells the listeners. */
    public void replace(Set<WebOrigin> origins) {
        this.allowed = Set.copyOf(new LinkedHashSet<>(origins));
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} (on the caller's thread) after every {@link #replace}. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public Decision check(String originHeader) {
        if (originHeader == null) {
            return new Decision(false, "no Origin header (not a browser page)");
        }
        WebOrigin origin;
        try {
            origin = WebOrigin.parse(originHeader);
        } catch (IllegalArgumentException e) {
            return new Decision(false, "unusable Origin (" + e.getMessage() + ")");
        }
        if (!allowed.contains(origin)) {
            return new Decision(false, "origin " + origin + " is not on the allow-list");
        }
        return new Decision(true, "origin " + origin + " allowed");
    }
}
