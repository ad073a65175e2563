package org.cardsync.backend.security.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token of a session cookie, to be resolved to its user by {@link SessionIdentityProvider}. */
public class SessionTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
