package dev.chatharness.server.support;

import dev.chatharness.common.token.TokenMinter;

import java.time.Duration;

/** Tokens for tests, signed with {@link #SECRET}. */
public final class Tokens {
    public static final String SECRET = "test-secret-for-the-reference-server";
    private static final TokenMinter MINTER = new TokenMinter(SECRET);

    private Tokens() {
    }

    public static String of(String tenant, String user) {
        return MINTER.token(tenant, user, Duration.ofHours(1));
    }

    /** A token whose {@code exp} passed a minute ago. */
    public static String expired(String tenant, String user) {
        return MINTER.expired(tenant, user);
    }

    /** A token that expires {@code ttl} from now. */
    public static String expiringIn(String tenant, String user, Duration ttl) {
        return MINTER.token(tenant, user, ttl);
    }
}
