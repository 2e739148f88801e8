package dev.chatharness.load.setup;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Duration;
import java.time.Instant;

/** Mints the contract's HS256 tokens ({@code sub}, {@code tenant_id}, {@code iat}, {@code exp}) from a shared secret. */
public final class TokenMinter {

    private final Algorithm algorithm;
    private final Duration lifetime;

    public TokenMinter(String secret, Duration lifetime) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.lifetime = lifetime;
    }

    public String mint(String tenantId, String userId) {
        Instant now = Instant.now();
        return JWT.create()
                .withSubject(userId)
                .withClaim("tenant_id", tenantId)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }
}
