package dev.chatharness.conformance.harness;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Tokens an attacker can make without the secret; every target must refuse them. */
public final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ForgedTokens() {
    }

    /** {@code "alg":"none"}, no signature, otherwise well-formed claims. */
    public static String algNone(String tenantId, String sub) {
        long exp = Instant.now().plus(Duration.ofMinutes(15)).getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + sub + "\",\"tenant_id\":\"" + tenantId + "\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"exp\":" + exp + "}";
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** HS256 with a random secret that the target cannot know. */
    public static String wrongSignature(String tenantId, String sub) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return JWT.create().withSubject(sub).withClaim("tenant_id", tenantId)
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plus(Duration.ofMinutes(15)))
                .sign(Algorithm.HMAC256(HexFormat.of().formatHex(secret)));
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
