package dev.chatharness.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The minter checked the way a target checks tokens: with java-jwt's verifier and the shared secret. */
class TokenMinterTest {

    private static final String SECRET = "minter-test-secret";
    private final JWTVerifier verifier = JWT.require(Algorithm.HMAC256(SECRET)).build();

    @Test
    @DisplayName("a token carries sub, tenant_id, iat and an exp exactly its lifetime after now")
    void valid_token_has_the_contract_claims() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TokenMinter minter = new TokenMinter(SECRET, Optional.empty(), Optional.empty(), Clock.fixed(now, ZoneOffset.UTC));
        DecodedJWT jwt = verifier.verify(minter.token("acme", "alice",
                Duration.ofMinutes(15)));

        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaim("tenant_id").asString()).isEqualTo("acme");
        assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(now);
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    }

    @Test
    @DisplayName("issuer and audience, when given, are in every token and satisfy a target that requires them")
    void issuer_and_audience() {
        TokenMinter minter = new TokenMinter(SECRET, Optional.of("https://idp.example"), Optional.of("chat"),
                Clock.systemUTC());
        JWTVerifier strict = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("https://idp.example")
                .withAudience("chat").build();

        assertThat(strict.verify(minter.token("acme", "alice")).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> strict.verify(minter.withWrongIssuerAndAudience("acme", "alice")))
                .isInstanceOf(IncorrectClaimException.class);
    }

    @Test
    @DisplayName("the deliberately defective tokens are signed with the secret and defective in exactly one way")
    void defective_tokens() {
        TokenMinter minter = new TokenMinter(SECRET);

        assertThatThrownBy(() -> verifier.verify(minter.expired("acme", "alice"))).isInstanceOf(TokenExpiredException.class);
        assertThatThrownBy(() -> verifier.verify(minter.expiringIn(Duration.ofSeconds(-30), "acme", "alice")))
                .isInstanceOf(TokenExpiredException.class);
        assertThat(verifier.verify(minter.expiringIn(Duration.ofSeconds(30), "acme", "alice")).getSubject()).isEqualTo("alice");
        assertThat(verifier.verify(minter.withoutTenant("alice")).getClaim("tenant_id").isMissing()).isTrue();
        assertThat(verifier.verify(minter.withoutSubject("acme")).getSubject()).isNull();
        assertThat(verifier.verify(minter.withoutExpiry("acme", "alice")).getExpiresAt()).isNull();
        assertThat(verifier.verify(minter.withNumericTenant(7, "alice")).getClaim("tenant_id").asLong()).isEqualTo(7L);
        assertThat(verifier.verify(minter.validSinceAMinute("acme", "alice")).getNotBeforeAsInstant())
                .isBefore(Instant.now());
        assertThat(JWT.decode(minter.notYetValid("acme", "alice")).getNotBeforeAsInstant()).isAfter(Instant.now());
        assertThat(JWT.decode(minter.issuedInTheFuture("acme", "alice")).getIssuedAtAsInstant()).isAfter(Instant.now());
        String hs384 = minter.signedWith("HS384", "acme", "alice");
        assertThat(JWT.decode(hs384).getAlgorithm()).isEqualTo("HS384");
        assertThat(JWT.require(Algorithm.HMAC384(SECRET)).build().verify(hs384).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(hs384)).isInstanceOf(AlgorithmMismatchException.class);
    }

    @Test
    @DisplayName("a token signed with another secret does not verify")
    void another_secret_does_not_verify() {
        assertThatThrownBy(() -> verifier.verify(new TokenMinter("another-secret").token("acme", "alice")))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    @DisplayName("an empty secret, tenant or user, or a lifetime that is not positive, is refused with the reason")
    void refuses_what_no_target_would_accept() {
        assertThatThrownBy(() -> new TokenMinter("")).hasMessageContaining("secret");
        TokenMinter minter = new TokenMinter(SECRET);
        assertThatThrownBy(() -> minter.token("", "alice")).hasMessageContaining("tenant");
        assertThatThrownBy(() -> minter.token("acme", "")).hasMessageContaining("user");
        assertThatThrownBy(() -> minter.token("acme", "alice", Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> minter.token("acme", "alice", Duration.ofSeconds(-1))).hasMessageContaining("positive");
    }
}
