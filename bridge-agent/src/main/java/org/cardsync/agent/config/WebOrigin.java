package org.cardsync.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web origin as RFC 6454 defines it: scheme, host and port, nothing else. Two origins are the same
 * only if all three are equal; {@code https://bank.example} and {@code https://bank.example:443} are the
 * same origin, {@code http://bank.example} is not.
 */
public record WebOrigin(String scheme, String host, int port) {

    /** Longer Origin headers are refused unparsed. */
    static final int MAX_LENGTH = 512;

    /**
     * Parses an Origin header value or an origin the user typed.
     *
     * @throws IllegalArgumentException naming what is wrong: not http(s), a path, user info, a query...
     */
    public static WebOrigin parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty origin");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("origin longer than " + MAX_LENGTH + " characters");
        }
        if ("null".equals(text)) {
            // Sandboxed iframes, file: pages and some redirects send the opaque origin "null":
            // it says nothing about who is asking, so it can never be on an allow-list.
            throw new IllegalArgumentException("opaque origin \"null\"");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an origin has no user info");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("an origin has no path (not even \"/\")");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an origin has no query or fragment");
        }
        int port = uri.getPort();
        if (port == -1) {
            port = "https".equals(scheme) ? 443 : 80;
        }
        return new WebOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /** The origin as a browser serialises it: the port only when it is not the scheme's default. */
    @Override
    public String toString() {
        boolean defaultPort = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
