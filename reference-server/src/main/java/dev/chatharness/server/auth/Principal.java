package dev.chatharness.server.auth;

/**
 * A user: the pair (tenant, sub). The same {@code sub} in two tenants is two different users, so every lookup
 * that concerns a user takes both.
 */
public record Principal(String tenantId, String userId) {
}
