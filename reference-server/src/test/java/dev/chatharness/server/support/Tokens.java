package dev.chatharness.server.support;

import dev.chatharness.server.auth.JwtMinter;

import java.time.Duration;
import java.time.Instant;

/** Tokens for tests, signed with {@link #SECRET}. */
public final class Tokens {
    public static final String SECRET = "test-secret-for-the-reference-server";

    private Tokens() {
    }

    public static String of(String tenant, String user) {
        return JwtMinter.mint(SECRET, tenant, user, Duration.ofHours(1));
    }

    /** A token whose {@code exp} passed a minute ago. */
    public static String expired(String tenant, String user) {
        return JwtMinter.mint(SECRET, tenant, user, Instant.now().minusSeconds(3600), Duration.ofMinutes(59));
    }

    /** A token that expires {@code ttl} from now. */
    public static String expiringIn(String tenant, String user, Duration ttl) {
        return JwtMinter.mint(SECRET, tenant, user, Instant.now(), ttl);
    }
}
