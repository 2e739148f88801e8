package dev.chatharness.server.support;

import com.auth0.jwt.algorithms.Algorithm;
import dev.chatharness.common.token.TokenMinter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

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

    /**
     * Correctly signed HS256 tokens whose payload, or header, is valid JSON but not an object: {@code null}, an
     * array, a number, a string, a boolean. java-jwt cannot build these, so they are assembled by hand.
     */
    public static List<String> withNonObjectParts() {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"alice\",\"tenant_id\":\"acme\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}";
        return List.of(signedRaw(header, "null"), signedRaw(header, "[1,2]"), signedRaw(header, "12"),
                signedRaw(header, "\"alice\""), signedRaw(header, "true"), signedRaw("null", claims),
                signedRaw("[\"HS256\"]", claims));
    }

    private static String signedRaw(String headerJson, String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = Algorithm.HMAC256(SECRET).sign(header.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(signature);
    }
}
