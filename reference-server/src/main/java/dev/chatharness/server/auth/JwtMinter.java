package dev.chatharness.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Makes HS256 tokens the server accepts, for the {@code token} command, tests and demos.
 *
 * <pre>{@code
 * String jwt = JwtMinter.mint("secret", "acme", "alice", Duration.ofHours(1));
 * }</pre>
 */
public final class JwtMinter {
    private JwtMinter() {
    }

    /** A token for user {@code user} of tenant {@code tenant}, issued now, valid for {@code ttl}. */
    public static String mint(String secret, String tenant, String user, Duration ttl) {
        return mint(secret, tenant, user, Instant.now(), ttl);
    }

    /** Same, with an explicit issue time (tests use it to make tokens that are already expired). */
    public static String mint(String secret, String tenant, String user, Instant issuedAt, Duration ttl) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (tenant == null || tenant.isEmpty() || user == null || user.isEmpty()) {
            throw new IllegalArgumentException("tenant and user must not be empty");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        return JWT.create()
                .withSubject(user)
                .withClaim("tenant_id", tenant)
                .withIssuedAt(iat)
                .withExpiresAt(iat.plus(ttl))
                .sign(Algorithm.HMAC256(secret));
    }
}
