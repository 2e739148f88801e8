package dev.chatharness.common.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints the contract's HS256 tokens from a shared secret: claims {@code sub}, {@code tenant_id}, {@code iat} and
 * {@code exp}, plus {@code iss}/{@code aud} when the target checks them. The one minter of chat-harness: the
 * conformance suite, the load tests, the {@code token} command and the server's own tests all use it.
 *
 * <pre>{@code
 * TokenMinter minter = new TokenMinter("dev-secret");
 * String jwt = minter.token("acme", "alice", Duration.ofHours(1));
 * String stale = minter.expired("acme", "alice");   // correctly signed, refused for its exp
 * }</pre>
 *
 * Besides valid tokens it makes correctly signed ones with one deliberate defect (expired, no {@code tenant_id},
 * a numeric {@code tenant_id}, another HMAC algorithm...), the inputs of the contract's authentication clauses.
 * Tokens a forger would make without the secret are not here: the suite keeps those with its attacks.
 */
public final class TokenMinter {

    /** Long enough for any test, short enough that a leaked CI log does not matter for long. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private final String secret;
    private final Algorithm algorithm;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    /** Plain tokens (no {@code iss}, no {@code aud}) on the system clock. */
    public TokenMinter(String secret) {
        this(secret, Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    /**
     * @param issuer   an {@code iss} claim for every token, when the target checks it
     * @param audience an {@code aud} claim for every token, when the target checks it
     * @param clock    what "now" is for {@code iat} and {@code exp}
     * @throws IllegalArgumentException when the secret is empty
     */
    public TokenMinter(String secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        this.secret = secret;
        this.algorithm = Algorithm.HMAC256(secret);
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A valid token for (tenant, sub), for {@link #DEFAULT_TTL}. */
    public String token(String tenantId, String sub) {
        return token(tenantId, sub, DEFAULT_TTL);
    }

    /**
     * A valid token that expires {@code ttl} from now ({@code exp} has second precision: a fraction is dropped).
     *
     * @throws IllegalArgumentException when the tenant or the user is empty, or {@code ttl} is not positive
     */
    public String token(String tenantId, String sub, Duration ttl) {
        if (tenantId == null || tenantId.isEmpty() || sub == null || sub.isEmpty()) {
            throw new IllegalArgumentException("the tenant and the user must not be empty");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lifetime must be positive, got " + ttl);
        }
        Instant now = clock.instant();
        return claims(now).withClaim("tenant_id", tenantId).withSubject(sub).withExpiresAt(now.plus(ttl)).sign(algorithm);
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

    /**
     * A token whose {@code exp} is {@code exp} (whole seconds, as JWT has them), issued a minute before; for checks that
     * read the target's own clock and mint against it.
     */
    public String expiringAt(Instant exp, String tenantId, String sub) {
        Instant issued = exp.minus(Duration.ofMinutes(1));
        return claims(issued).withClaim("tenant_id", tenantId).withSubject(sub).withExpiresAt(exp).sign(algorithm);
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
