package dev.chatharness.conformance.hostile;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Tokens of the classic JWT attacks, made without the target's secret (or, for the claim attacks, with it):
 * {@code alg:none} in any spelling, a header that carries its own key ({@code jwk}) or points at one ({@code jku}),
 * HS256 keyed with a public key, claims signed for another issuer or audience.
 *
 * <pre>{@code
 * String forged = TokenForgery.algNone("None", "tenant", "user", true);
 * }</pre>
 */
public final class TokenForgery {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Duration TTL = Duration.ofMinutes(15);

    private TokenForgery() {
    }

    /** Unsigned token with {@code "alg": spelling}; {@code withSignature} appends a junk signature part. */
    public static String algNone(String spelling, String tenant, String sub, boolean withSignature) {
        String header = "{\"alg\":\"" + spelling + "\",\"typ\":\"JWT\"}";
        return b64(header) + "." + b64(claims(tenant, sub)) + "." + (withSignature ? b64("junk") : "");
    }

    /** RS256 signed with the attacker's own key, which the header carries as {@code jwk}. */
    public static String embeddedJwk(String tenant, String sub) {
        KeyPair keys = attackerKeys();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = Map.of("kty", "RSA", "e", unsigned(pub.getPublicExponent()),
                "n", unsigned(pub.getModulus()), "kid", "attacker");
        return base(tenant, sub).withHeader(Map.of("jwk", jwk, "kid", "attacker"))
                .sign(Algorithm.RSA256(pub, (RSAPrivateKey) keys.getPrivate()));
    }

    /** RS256 signed with the attacker's own key, published (so the header says) at {@code jku}. */
    public static String jkuHeader(String tenant, String sub, String jku) {
        KeyPair keys = attackerKeys();
        return base(tenant, sub).withHeader(Map.of("jku", jku, "kid", "attacker"))
                .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    /** HS256 whose HMAC key is {@code publicKeyText} (a PEM or base64 public key): the RS256/HS256 confusion. */
    public static String hs256WithPublicKey(String publicKeyText, String tenant, String sub) {
        return base(tenant, sub).sign(Algorithm.HMAC256(publicKeyText.getBytes(StandardCharsets.UTF_8)));
    }

    /** A correctly signed HS256 token whose {@code iss} and {@code aud} are the given ones (null leaves one out). */
    public static String signedFor(String secret, String tenant, String sub, String issuer, String audience) {
        var builder = base(tenant, sub);
        if (issuer != null) {
            builder.withIssuer(issuer);
        }
        if (audience != null) {
            builder.withAudience(audience);
        }
        return builder.sign(Algorithm.HMAC256(secret));
    }

    /** The PEM text of an RSA public key. */
    public static String pem(RSAPublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A fresh 2048-bit RSA key pair. */
    public static KeyPair attackerKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    private static com.auth0.jwt.JWTCreator.Builder base(String tenant, String sub) {
        Instant now = Instant.now();
        return JWT.create().withSubject(sub).withClaim("tenant_id", tenant).withIssuedAt(now).withExpiresAt(now.plus(TTL));
    }

    private static String claims(String tenant, String sub) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + sub + "\",\"tenant_id\":\"" + tenant + "\",\"iat\":" + now + ",\"exp\":"
                + (now + TTL.toSeconds()) + "}";
    }

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }
}
