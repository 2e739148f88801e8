package dev.chatharness.conformance.harness;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tokens an attacker can make without the secret; every target must refuse them. They carry the
 * {@code iss} and {@code aud} the profile declares, so that each is wrong in one way only: a target
 * that checks the issuer must still be caught accepting, say, {@code alg: none}.
 */
public final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> issuer;
    private final Optional<String> audience;

    public ForgedTokens(Optional<String> issuer, Optional<String> audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    /** {@code "alg":"none"}, no signature, otherwise well-formed claims. */
    public String algNone(String tenantId, String sub) {
        long now = Instant.now().getEpochSecond();
        StringBuilder payload = new StringBuilder("{\"sub\":\"").append(sub).append("\",\"tenant_id\":\"").append(tenantId)
                .append("\",\"iat\":").append(now).append(",\"exp\":").append(now + Duration.ofMinutes(15).toSeconds());
        issuer.ifPresent(iss -> payload.append(",\"iss\":\"").append(iss).append('"'));
        audience.ifPresent(aud -> payload.append(",\"aud\":\"").append(aud).append('"'));
        payload.append('}');
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** HS256 with a random secret that the target cannot know. */
    public String wrongSignature(String tenantId, String sub) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        JWTCreator.Builder builder = JWT.create().withSubject(sub).withClaim("tenant_id", tenantId)
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plus(Duration.ofMinutes(15)));
        issuer.ifPresent(builder::withIssuer);
        audience.ifPresent(builder::withAudience);
        return builder.sign(Algorithm.HMAC256(HexFormat.of().formatHex(secret)));
    }

    /** A real token whose payload was swapped for another tenant's claims, keeping the original signature. */
    public static String tamperedTenant(String validToken, String otherTenantId) {
        String[] parts = validToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"tenant_id\"\\s*:\\s*\"[^\"]*\"", "\"tenant_id\":\"" + otherTenantId + "\"");
        return parts[0] + "." + B64.encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Not a JWT at all. */
    public static String garbage() {
        return "not-a-jwt";
    }
}
