package org.cardsync.backend.web;

/**
 * The body {@code {}} of a POST that needs no input (sign-out, a challenge). Required all the same: every POST is
 * JSON (RequestPolicy), and with StrictJson any field in it is refused.
 */
public record EmptyBody() {
}
