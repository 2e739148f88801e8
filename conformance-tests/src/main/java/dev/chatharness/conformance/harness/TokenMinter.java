package dev.chatharness.conformance.harness;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints HS256 tokens with the target's shared secret, including deliberately broken ones.
 * Claims: {@code sub}, {@code tenant_id}, {@code iat}, {@code exp} (+ {@code iss}/{@code aud} when the profile sets them).
 */
public final class TokenMinter {

    /** Long enough for any test, short enough that a leaked CI log does not matter for long. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private final String secret;
    private final Algorithm algorithm;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    TokenMinter(String secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
        this.secret = secret;
        this.algorithm = Algorithm.HMAC256(secret);
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A valid token for (tenant, sub). */
    public String token(String tenantId, String sub) {
        return token(tenantId, sub, DEFAULT_TTL);
    }

    /** A valid token that expires {@code ttl} from now (JWT exp has second precision: rounded up). */
    public String token(String tenantId, String sub, Duration ttl) {
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withSubject(sub)
                .withExpiresAt(now.plus(ttl)).sign(algorithm);
    }

    /** Valid in every way but one: signed with another HMAC algorithm ({@code HS384} or {@code HS512}) and the same secret. */
    public String signedWith(String hmac, String tenantId, String sub) {
        Algorithm other = switch (hmac) {
            case "HS384" -> Algorithm.HMAC384(secret);
            case "HS512" -> Algorithm.HMAC512(secret);
            default -> throw new IllegalArgumentException("HS384 or HS512, not " + hmac);
        };
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withSubject(sub).withExpiresAt(now.plus(DEFAULT_TTL)).sign(other);
    }

    /** A token whose {@code exp} is {@code offset} from now: in the future when positive, in the past when negative. */
    public String expiringIn(Duration offset, String tenantId, String sub) {
        Instant now = clock.instant();
        Instant exp = now.plus(offset);
        return claims(offset.isNegative() ? exp.minus(Duration.ofMinutes(5)) : now).withClaim("tenant_id", tenantId)
                .withSubject(sub).withExpiresAt(exp).sign(algorithm);
    }

    /** Issued ({@code iat}) an hour from now, otherwise valid. */
    public String issuedInTheFuture(String tenantId, String sub) {
        Instant later = clock.instant().plus(Duration.ofHours(1));
        return claims(later).withClaim("tenant_id", tenantId).withSubject(sub)
                .withExpiresAt(later.plus(Duration.ofHours(1))).sign(algorithm);
    }

    /** With {@code nbf} and {@code iat} a minute in the past: valid. */
    public String validSinceAMinute(String tenantId, String sub) {
        Instant minuteAgo = clock.instant().minus(Duration.ofMinutes(1));
        return claims(minuteAgo).withClaim("tenant_id", tenantId).withSubject(sub).withNotBefore(minuteAgo)
                .withExpiresAt(minuteAgo.plus(DEFAULT_TTL)).sign(algorithm);
    }

    /** Correctly signed, but {@code tenant_id} is a number, not a string. */
    public String withNumericTenant(long tenantId, String sub) {
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withSubject(sub).withExpiresAt(now.plus(DEFAULT_TTL))
                .sign(algorithm);
    }

    /** Expired a minute ago, otherwise valid. */
    public String expired(String tenantId, String sub) {
        Instant past = clock.instant().minus(Duration.ofMinutes(10));
        return claims(past).withClaim("tenant_id", tenantId).withSubject(sub)
                .withExpiresAt(clock.instant().minus(Duration.ofMinutes(1))).sign(algorithm);
    }

    /** Valid only from an hour from now ({@code nbf}). */
    public String notYetValid(String tenantId, String sub) {
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withSubject(sub)
                .withNotBefore(now.plus(Duration.ofHours(1))).withExpiresAt(now.plus(Duration.ofHours(2))).sign(algorithm);
    }

    /** Correctly signed but without {@code tenant_id}. */
    public String withoutTenant(String sub) {
        Instant now = clock.instant();
        return claims(now).withSubject(sub).withExpiresAt(now.plus(DEFAULT_TTL)).sign(algorithm);
    }

    /** Correctly signed but without {@code sub}. */
    public String withoutSubject(String tenantId) {
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withExpiresAt(now.plus(DEFAULT_TTL)).sign(algorithm);
    }

    /** Correctly signed but without {@code exp}. */
    public String withoutExpiry(String tenantId, String sub) {
        return claims(clock.instant()).withClaim("tenant_id", tenantId).withSubject(sub).sign(algorithm);
    }

    /** Correctly signed, but with an issuer and audience nobody configures. */
    public String withWrongIssuerAndAudience(String tenantId, String sub) {
        Instant now = clock.instant();
        return JWT.create().withIssuedAt(now).withIssuer("https://not-the-issuer.invalid")
                .withAudience("not-the-audience").withClaim("tenant_id", tenantId).withSubject(sub)
                .withExpiresAt(now.plus(DEFAULT_TTL)).sign(algorithm);
    }

    private JWTCreator.Builder claims(Instant issuedAt) {
        JWTCreator.Builder builder = JWT.create().withIssuedAt(issuedAt);
        issuer.ifPresent(builder::withIssuer);
        audience.ifPresent(builder::withAudience);
        return builder;
    }
}
