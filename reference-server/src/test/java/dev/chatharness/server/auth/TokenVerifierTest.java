package dev.chatharness.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.JWTCreator;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {
    private static final String SECRET = "unit-secret";
    private final TokenVerifier verifier = new TokenVerifier(ServerConfig.builder().jwtSecret(SECRET).build());

    private static JWTCreator.Builder valid() {
        return JWT.create().withSubject("alice").withClaim("tenant_id", "acme")
                .withIssuedAt(Instant.now().minusSeconds(5)).withExpiresAt(Instant.now().plusSeconds(600));
    }

    private static void assertCode(TokenVerifier v, String token, String code) {
        assertThatThrownBy(() -> v.verify(token)).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).code().wire()).isEqualTo(code));
    }

    @Test
    void a_minted_token_verifies_to_its_tenant_and_user() {
        VerifiedToken t = verifier.verify(new TokenMinter(SECRET).token("acme", "alice", Duration.ofMinutes(5)));
        assertThat(t.principal()).isEqualTo(new Principal("acme", "alice"));
        assertThat(t.expiresAt()).isAfter(Instant.now());
    }

    @Test
    void every_failure_has_its_code() {
        assertCode(verifier, null, "token_missing");
        assertCode(verifier, " ", "token_missing");
        assertCode(verifier, "x.y.z", "token_invalid");
        assertCode(verifier, valid().sign(Algorithm.HMAC256("other")), "token_invalid");
        assertCode(verifier, valid().sign(Algorithm.HMAC512(SECRET)), "token_invalid");
        assertCode(verifier, valid().sign(Algorithm.none()), "token_invalid");
        assertCode(verifier, valid().withNotBefore(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET)), "token_invalid");
        assertCode(verifier, valid().withIssuedAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET)), "token_invalid");
        assertCode(verifier, valid().withExpiresAt(Instant.now().minusSeconds(1)).sign(Algorithm.HMAC256(SECRET)), "token_expired");
        assertCode(verifier, JWT.create().withClaim("tenant_id", "acme").withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.HMAC256(SECRET)), "claims_missing");
        assertCode(verifier, valid().withClaim("tenant_id", "").sign(Algorithm.HMAC256(SECRET)), "claims_missing");
    }

    @Test
    void a_signed_token_whose_header_or_payload_is_not_an_object_is_token_invalid() {
        TokenVerifier testSecret = new TokenVerifier(ServerConfig.builder().jwtSecret(Tokens.SECRET).build());
        for (String token : Tokens.withNonObjectParts()) {
            assertCode(testSecret, token, "token_invalid");
        }
    }

    @Test
    void issuer_and_audience_are_checked_when_configured() {
        TokenVerifier strict = new TokenVerifier(ServerConfig.builder().jwtSecret(SECRET).jwtIssuer("https://idp")
                .jwtAudience("chat").build());
        assertThat(strict.verify(valid().withIssuer("https://idp").withAudience("chat").sign(Algorithm.HMAC256(SECRET)))
                .principal().userId()).isEqualTo("alice");
        assertCode(strict, valid().withIssuer("https://evil").withAudience("chat").sign(Algorithm.HMAC256(SECRET)), "token_invalid");
        assertCode(strict, valid().withIssuer("https://idp").withAudience("other").sign(Algorithm.HMAC256(SECRET)), "token_invalid");
        assertCode(strict, valid().sign(Algorithm.HMAC256(SECRET)), "token_invalid");
    }

    @Test
    void rs256_tokens_verify_with_the_configured_public_key_and_an_hs256_token_signed_with_it_does_not() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        TokenVerifier rsa = new TokenVerifier(ServerConfig.builder().jwtPublicKey(pub).build());
        String token = valid().sign(Algorithm.RSA256(pub, (RSAPrivateKey) pair.getPrivate()));
        assertThat(rsa.verify(token).principal().tenantId()).isEqualTo("acme");
        assertCode(rsa, valid().sign(Algorithm.HMAC256(SECRET)), "token_invalid");
        assertCode(rsa, valid().sign(Algorithm.HMAC256(pub.getEncoded())), "token_invalid"); // alg confusion
    }

    @Test
    void the_auth_faults_accept_what_they_say() {
        TokenVerifier sloppy = new TokenVerifier(ServerConfig.builder().jwtSecret(SECRET).faults(Set.of(
                Fault.ACCEPT_ALG_NONE, Fault.ACCEPT_EXPIRED_TOKEN, Fault.ACCEPT_WRONG_SIGNATURE,
                Fault.MISSING_TENANT_CLAIM_ACCEPTED)).build());
        assertThat(sloppy.verify(valid().sign(Algorithm.none())).principal().userId()).isEqualTo("alice");
        assertThat(sloppy.verify(valid().sign(Algorithm.HMAC256("other"))).principal().userId()).isEqualTo("alice");
        assertThat(sloppy.verify(valid().withExpiresAt(Instant.now().minusSeconds(60)).sign(Algorithm.HMAC256(SECRET)))
                .principal().userId()).isEqualTo("alice");
        assertThat(sloppy.verify(JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.HMAC256(SECRET))).principal().tenantId()).isEmpty();
    }
}
