package dev.chatharness.reliability;

import dev.chatharness.conformance.hostile.TokenAttackConformance;
import dev.chatharness.conformance.hostile.TokenForgery;
import dev.chatharness.reliability.support.LiveSocket;
import dev.chatharness.reliability.support.Rest;
import dev.chatharness.reliability.support.SuiteLauncher;
import dev.chatharness.server.ChatServer;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.server.config.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, item 3: token attacks against the reference server, through the conformance suite's security class
 * (plain and with {@code iss}/{@code aud} configured) and, for the RS256/HS256 confusion, against a server that
 * really holds an RSA public key.
 */
@Timeout(120)
class TokenAttackTest {
    private static final String SECRET = "token-attack-secret";

    @Test
    @DisplayName("the suite's token attacks are all refused by the reference server")
    void token_attacks_are_refused() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).build())) {
            TestExecutionSummary summary = SuiteLauncher.run(TokenAttackConformance.class, server.baseUrl(), SECRET,
                    Map.of());
            assertThat(summary.getTestsFailedCount()).as(SuiteLauncher.describe(summary)).isZero();
            assertThat(summary.getTestsSucceededCount()).as("attacks run (iss/aud skipped: not configured)")
                    .isGreaterThanOrEqualTo(11);
        }
    }

    @Test
    @DisplayName("the same attacks catch a server that takes alg none at its word (the checks can fail)")
    void the_attacks_catch_a_server_that_accepts_alg_none() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET)
                .faults(java.util.Set.of(dev.chatharness.server.faults.Fault.ACCEPT_ALG_NONE)).build())) {
            TestExecutionSummary summary = SuiteLauncher.run(TokenAttackConformance.class, server.baseUrl(), SECRET);
            assertThat(summary.getTestsFailedCount()).as("alg none spellings accepted by the faulty server").isEqualTo(7);
        }
    }

    @Test
    @DisplayName("with iss and aud configured, tokens for another issuer or audience are refused too")
    void wrong_issuer_and_audience_are_refused() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET)
                .jwtIssuer("https://issuer.example").jwtAudience("chat").build())) {
            TestExecutionSummary summary = SuiteLauncher.run(TokenAttackConformance.class, server.baseUrl(), SECRET,
                    Map.of("chat.jwtIssuer", "https://issuer.example", "chat.jwtAudience", "chat"));
            assertThat(summary.getTestsFailedCount()).as(SuiteLauncher.describe(summary)).isZero();
            assertThat(summary.getTestsSkippedCount() + summary.getTestsAbortedCount()).as("nothing skipped").isZero();
        }
    }

    @Test
    @DisplayName("a server holding an RSA public key refuses HS256 tokens keyed with that key, and takes real RS256 ones")
    void hs256_keyed_with_the_servers_public_key_is_refused() {
        KeyPair keys = TokenForgery.attackerKeys(); // here: the server's own key pair
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtPublicKey(pub).build())) {
            String pem = TokenForgery.pem(pub);
            String der = Base64.getEncoder().encodeToString(pub.getEncoded());
            for (String keyText : List.of(pem, der, pem.strip())) {
                String forged = TokenForgery.hs256WithPublicKey(keyText, "acme", "mallory");
                assertRefused(server.baseUrl(), forged);
            }
            Instant now = Instant.now();
            String genuine = JWT.create().withSubject("alice").withClaim("tenant_id", "acme").withIssuedAt(now)
                    .withExpiresAt(now.plus(Duration.ofMinutes(5))).sign(Algorithm.RSA256(pub, (RSAPrivateKey) keys.getPrivate()));
            try (LiveSocket socket = LiveSocket.connect(server.baseUrl(), genuine)) {
                assertThat(socket.connected()).as("a genuine RS256 token is accepted (control)").isTrue();
            }
            assertThat(new Rest(server.baseUrl()).call("GET", "/api/v2/conversations", genuine, null).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a token minted with the right secret is accepted (control: the refusals above are not blanket)")
    void a_genuine_token_is_accepted() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).build());
             LiveSocket socket = LiveSocket.connect(server.baseUrl(), new TokenMinter(SECRET).token("acme", "alice", Duration.ofMinutes(5)))) {
            assertThat(socket.connected()).isTrue();
        }
    }

    private static void assertRefused(String baseUrl, String token) {
        try (LiveSocket socket = LiveSocket.open(baseUrl, token)) {
            Object outcome = socket.awaitOutcome();
            assertThat(outcome).isInstanceOf(LiveSocket.ConnectRefused.class);
            var payload = ((LiveSocket.ConnectRefused) outcome).payload();
            assertThat(payload.path("message").asText()).isEqualTo("unauthorized");
            assertThat(payload.path("data").path("code").asText()).isEqualTo("token_invalid");
        }
        Rest.Answer rest = new Rest(baseUrl).call("GET", "/api/v2/conversations", token, null);
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.response().headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    }
}
