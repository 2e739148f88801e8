package dev.chatharness.conformance.hostile;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.ConnectOutcome;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.harness.User;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Token attacks the authentication group does not already make: {@code alg:none} in other spellings, keys
 * smuggled in the header ({@code jwk}, {@code jku}), tokens for another issuer or audience, and a
 * {@code tenant_id} in a payload that differs from the token's. Every forged token is refused on the handshake
 * (CONNECT_ERROR {@code unauthorized} {@code {code: token_invalid}}) and on REST (401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}).
 */
@DisplayName("Security: token attacks")
@Tag(ConformanceTags.SECURITY)
@ExtendWith(TargetExtension.class)
public class TokenAttackConformance {

    @ParameterizedTest(name = "alg \"{0}\", signature part: {1}")
    @CsvSource({"none,false", "None,false", "NONE,false", "nOnE,false", "none,true", "NONE,true", "nOnE,true"})
    @Clause(id = "2.1", check = NEGATIVE)
    @DisplayName("§2.1 alg none in any spelling, with or without a signature part, is refused with token_invalid")
    void alg_none_in_any_spelling_is_refused(String spelling, boolean withSignature, Target target) {
        User victim = target.tenants().a().user(0);
        expectRefused(target, TokenForgery.algNone(spelling, victim.tenantId(), victim.userId(), withSignature),
                "alg " + spelling);
    }

    @Test
    @Clause(id = "2.6", check = NEGATIVE)
    @DisplayName("§2.6 A token carrying its own key in a jwk header is refused with token_invalid")
    void embedded_jwk_is_refused(Target target) {
        User victim = target.tenants().a().user(0);
        expectRefused(target, TokenForgery.embeddedJwk(victim.tenantId(), victim.userId()), "embedded jwk");
    }

    @Test
    @Clause(id = "2.6", check = NEGATIVE)
    @DisplayName("§2.6 A token pointing at the attacker's key set with a jku header is refused with token_invalid")
    void jku_header_is_refused(Target target) {
        User victim = target.tenants().a().user(0);
        expectRefused(target, TokenForgery.jkuHeader(victim.tenantId(), victim.userId(),
                "http://127.0.0.1:9/attacker/jwks.json"), "jku header");
    }

    @Test
    @Clause(id = "2.1", check = NEGATIVE)
    @DisplayName("§2.1 HS256 keyed with an RSA public key (algorithm confusion) is refused with token_invalid")
    void hs256_keyed_with_a_public_key_is_refused(Target target) {
        User victim = target.tenants().a().user(0);
        String pem = TokenForgery.pem((java.security.interfaces.RSAPublicKey) TokenForgery.attackerKeys().getPublic());
        expectRefused(target, TokenForgery.hs256WithPublicKey(pem, victim.tenantId(), victim.userId()),
                "HS256 keyed with a public key");
    }

    @Test
    @Clause(id = "2.10", check = NEGATIVE)
    @DisplayName("§2.10 A correctly signed token for another issuer is refused with token_invalid (when the target checks iss)")
    void wrong_issuer_is_refused(Target target) {
        String issuer = target.profile().jwtIssuer().orElse(null);
        Assumptions.assumeTrue(issuer != null, "the profile sets no jwtIssuer: the target checks no iss");
        String secret = secret(target);
        User victim = target.tenants().a().user(0);
        expectRefused(target, TokenForgery.signedFor(secret, victim.tenantId(), victim.userId(), "evil-" + issuer,
                target.profile().jwtAudience().orElse(null)), "wrong iss");
    }

    @Test
    @Clause(id = "2.10", check = NEGATIVE)
    @DisplayName("§2.10 A correctly signed token for another audience is refused with token_invalid (when the target checks aud)")
    void wrong_audience_is_refused(Target target) {
        String audience = target.profile().jwtAudience().orElse(null);
        Assumptions.assumeTrue(audience != null, "the profile sets no jwtAudience: the target checks no aud");
        String secret = secret(target);
        User victim = target.tenants().a().user(0);
        expectRefused(target, TokenForgery.signedFor(secret, victim.tenantId(), victim.userId(),
                target.profile().jwtIssuer().orElse(null), "evil-" + audience), "wrong aud");
    }

    @Test
    @Clause(id = "3.1", check = NEGATIVE)
    @Clause(id = "3.9", check = NEGATIVE)
    @DisplayName("§3.1 A tenant_id in an event payload is ignored: the message stays in the token's tenant")
    void tenant_id_in_a_payload_does_not_move_the_message(Target target) {
        User a0 = target.tenants().a().user(0);
        User a1 = target.tenants().a().user(1);
        User b0 = target.tenants().b().user(0);
        String ours = target.api().createConversation(a0, "mine " + UUID.randomUUID(), a1).path("id").asText();
        String theirs = target.api().createConversation(b0, "theirs " + UUID.randomUUID(), target.tenants().b().user(1))
                .path("id").asText();
        ChatSocket attacker = target.connect(a0);
        ChatSocket other = target.connect(b0);
        other.ok("join-conversation", Json.object("conversationId", theirs));

        JsonNode joinTheirs = attacker.ack("join-conversation", Json.object("conversationId", theirs,
                "tenant_id", b0.tenantId(), "tenantId", b0.tenantId()));
        assertThat(joinTheirs.path("ok").asBoolean(true)).as("joining another tenant's conversation with its tenant_id "
                + "in the payload: " + Json.brief(joinTheirs)).isFalse();
        assertThat(joinTheirs.path("error").path("code").asText()).isEqualTo("not_found");

        String body = "cross-tenant attempt " + UUID.randomUUID();
        JsonNode sendTheirs = attacker.ack("message", Json.object("conversationId", theirs, "body", body,
                "tenant_id", b0.tenantId()));
        assertThat(sendTheirs.path("ok").asBoolean(true)).as("sending into another tenant's conversation: "
                + Json.brief(sendTheirs)).isFalse();

        JsonNode sendOurs = attacker.ack("message", Json.object("conversationId", ours, "body", body,
                "tenant_id", b0.tenantId(), "tenantId", b0.tenantId()));
        if (sendOurs.path("ok").asBoolean(false)) {
            assertThat(sendOurs.path("data").path("conversationId").asText()).isEqualTo(ours);
        }
        RestResponse theirHistory = target.rest().get("/api/v2/conversations/" + theirs + "/messages", b0.token());
        assertThat(theirHistory.status()).isEqualTo(200);
        assertThat(theirHistory.rawBody()).as("the other tenant's history").doesNotContain(body);
        assertThat(other.received("message", m -> body.equals(m.path("body").asText())))
                .as("the other tenant's socket got the message").isEmpty();
    }

    private static String secret(Target target) {
        return target.profile().jwtSecret().orElseGet(() -> {
            Assumptions.abort("needs the target's secret to sign a token with the wrong claims");
            return null;
        });
    }

    /** Refused on the handshake with token_invalid and on REST with 401 invalid_token. */
    private static void expectRefused(Target target, String token, String what) {
        ChatSocket socket = target.open(ConnectOptions.withToken(token, what));
        ConnectOutcome outcome = socket.outcome();
        assertThat(outcome.kind()).as(what + ": expected CONNECT_ERROR unauthorized {code: token_invalid}, got " + outcome)
                .isEqualTo(ConnectOutcome.Kind.REFUSED);
        assertThat(outcome.payload().path("message").asText()).as(what + ": CONNECT_ERROR message").isEqualTo("unauthorized");
        assertThat(outcome.refusalCode()).as(what + ": CONNECT_ERROR data.code (" + outcome + ")").isEqualTo("token_invalid");
        RestResponse rest = target.rest().get("/api/v2/conversations", token);
        assertThat(rest.status()).as(what + " on REST: " + rest.describe()).isEqualTo(401);
        assertThat(rest.header("WWW-Authenticate").orElse("")).as(what + ": WWW-Authenticate")
                .startsWith("Bearer").contains("error=\"invalid_token\"");
    }
}
