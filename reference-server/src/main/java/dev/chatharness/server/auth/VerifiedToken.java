package dev.chatharness.server.auth;

import java.time.Instant;

/** A token that passed every check: whose it is and when it stops being valid. */
public record VerifiedToken(Principal principal, Instant expiresAt) {
}
