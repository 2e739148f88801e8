package dev.chatharness.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a JWT the way the contract says, for sockets and REST alike:
 * <ul>
 *   <li>the header's {@code alg} must be HS256 (with the configured secret) or RS256 (with the configured public
 *       key); {@code none} and every other algorithm are {@code token_invalid};</li>
 *   <li>the signature, then {@code exp}, {@code nbf} and {@code iat} (no leeway), then {@code iss}/{@code aud} when
 *       configured (java-jwt does all of that);</li>
 *   <li>{@code sub}, {@code tenant_id} (strings) and {@code exp} must be present: {@code claims_missing}.</li>
 * </ul>
 */
public final class TokenVerifier {
    /** Longest accepted {@code sub} and {@code tenant_id}; they are stored in columns of this size. */
    static final int MAX_ID_CLAIM = 255;

    private final Optional<JWTVerifier> hs256;
    private final Optional<JWTVerifier> rs256;
    private final Faults faults;

    public TokenVerifier(ServerConfig config) {
        this.faults = config.faults();
        this.hs256 = config.jwtSecret().map(s -> verifier(Algorithm.HMAC256(s), config));
        this.rs256 = config.jwtPublicKey().map(k -> verifier(Algorithm.RSA256(k, null), config));
    }

    private JWTVerifier verifier(Algorithm algorithm, ServerConfig config) {
        Verification v = JWT.require(algorithm).acceptLeeway(0);
        if (!faults.on(Fault.ISSUER_NOT_CHECKED)) {
            config.jwtIssuer().ifPresent(v::withIssuer);
            config.jwtAudience().ifPresent(v::withAudience);
        }
        if (faults.on(Fault.EXPIRY_LEEWAY_A_MINUTE)) {
            v.acceptExpiresAt(60); // the defect: clock-skew leeway, generously
        }
        if (faults.on(Fault.NOT_BEFORE_IGNORED)) {
            long year = Duration.ofDays(365).toSeconds();
            v.acceptNotBefore(year).acceptIssuedAt(year); // the defect: "clocks differ, let it through"
        }
        if (faults.on(Fault.ACCEPT_EXPIRED_TOKEN)) {
            v.acceptExpiresAt(Duration.ofDays(3650).toSeconds()); // the defect: "generous" expiry leeway
        }
        return ((JWTVerifier.BaseVerification) v).build(config.clock());
    }

    /** @throws AuthenticationException with {@code token_missing/invalid/expired} or {@code claims_missing} */
    public VerifiedToken verify(String token) {
        if (token == null || token.isBlank()) {
            if (faults.on(Fault.MISSING_TOKEN_CALLED_INVALID)) {
                throw invalid("no token"); // the defect: one code for every failure
            }
            throw new AuthenticationException(ErrorCode.TOKEN_MISSING, "no bearer token");
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token.trim());
        } catch (JWTDecodeException e) {
            throw invalid("malformed token");
        }
        if (!isObject(jwt.getHeader()) || !isObject(jwt.getPayload())) {
            throw invalid("the token's header and payload must be JSON objects");
        }
        DecodedJWT verified = verifySignatureAndTimes(jwt);
        return requiredClaims(verified);
    }

    /**
     * The claims of a token whose signature is not checked: only the {@link Fault#HEADER_TOKEN_NOT_VERIFIED} defect
     * calls this.
     */
    public VerifiedToken claimsWithoutSignature(String token) {
        try {
            return requiredClaims(JWT.decode(token.trim()));
        } catch (JWTDecodeException e) {
            throw invalid("malformed token");
        }
    }

    /**
     * java-jwt refuses a header or payload that is an array, a number or a string, but decodes the JSON {@code null}
     * to nothing at all and then fails with a NullPointerException on the first field it reads ({@code alg}, a
     * claim). The part already parsed as JSON, so it is an object exactly when its text starts with a brace.
     */
    private static boolean isObject(String base64UrlPart) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(base64UrlPart), StandardCharsets.UTF_8);
            return json.strip().startsWith("{");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private DecodedJWT verifySignatureAndTimes(DecodedJWT jwt) {
        String alg = jwt.getAlgorithm();
        if ("none".equalsIgnoreCase(alg) && faults.on(Fault.ACCEPT_ALG_NONE)) {
            return jwt; // the defect: an unsigned token is taken at its word
        }
        JWTVerifier verifier = switch (alg == null ? "" : alg) {
            case "HS256" -> hs256.orElseThrow(() -> invalid("HS256 tokens are not accepted"));
            case "RS256" -> rs256.orElseThrow(() -> invalid("RS256 tokens are not accepted"));
            default -> throw invalid("algorithm not accepted");
        };
        try {
            return verifier.verify(jwt);
        } catch (TokenExpiredException e) {
            throw new AuthenticationException(ErrorCode.TOKEN_EXPIRED, "token expired");
        } catch (SignatureVerificationException e) {
            if (faults.on(Fault.ACCEPT_WRONG_SIGNATURE)) {
                return jwt; // the defect: a failed signature check is ignored
            }
            throw invalid("bad signature");
        } catch (JWTVerificationException e) {
            // not yet valid (nbf), issued in the future (iat), wrong iss/aud, wrong alg for the key
            throw invalid(e.getMessage());
        }
    }

    private VerifiedToken requiredClaims(DecodedJWT jwt) {
        String sub = stringClaim(jwt.getClaim("sub"));
        String tenant = stringClaim(jwt.getClaim("tenant_id"));
        Instant exp = jwt.getExpiresAtAsInstant();
        if (tenant == null && faults.on(Fault.MISSING_TENANT_CLAIM_ACCEPTED)) {
            tenant = ""; // the defect: a "default" tenant for tokens that do not say
        }
        if (sub == null || tenant == null || exp == null) {
            throw new AuthenticationException(ErrorCode.CLAIMS_MISSING, "sub, tenant_id (strings) and exp are required");
        }
        if (sub.length() > MAX_ID_CLAIM || tenant.length() > MAX_ID_CLAIM) {
            throw invalid("sub and tenant_id must be at most " + MAX_ID_CLAIM + " characters");
        }
        return new VerifiedToken(new Principal(tenant, sub), exp);
    }

    private static String stringClaim(Claim claim) {
        if (claim == null || claim.isMissing() || claim.isNull()) {
            return null;
        }
        String value = claim.asString(); // null when the claim is a number, object, ...
        return value == null || value.isEmpty() ? null : value;
    }

    private static AuthenticationException invalid(String why) {
        return new AuthenticationException(ErrorCode.TOKEN_INVALID, why);
    }

    /** Helper for callers that have a clock: whether {@code token} has expired at this instant. */
    public static boolean expired(VerifiedToken token, Clock clock) {
        return !clock.instant().isBefore(token.expiresAt());
    }
}
