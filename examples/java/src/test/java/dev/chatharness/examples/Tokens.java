package dev.chatharness.examples;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.time.Duration;
import java.time.Instant;

/** Mints the HS256 tokens the contract asks for (claims sub, tenant_id, exp), as an identity provider would. */
final class Tokens {
    private final Algorithm algorithm;
    private final String tenant;

    Tokens(String secret, String tenant) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.tenant = tenant;
    }

    String forUser(String user) {
        return JWT.create()
                .withSubject(user)
                .withClaim("tenant_id", tenant)
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(10)))
                .sign(algorithm);
    }
}
