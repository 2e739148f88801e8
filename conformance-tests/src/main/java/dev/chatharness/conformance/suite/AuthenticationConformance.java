package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.ConnectOptions.TokenPlacement;
import dev.chatharness.conformance.harness.ConnectOutcome;
import dev.chatharness.conformance.harness.ForgedTokens;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.harness.TokenMinter;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§2 Authentication")
@Order(2)
@ExtendWith(TargetExtension.class)
class AuthenticationConformance {

    /** How much later than the contract's 5 s the test still accepts the disconnect: clocks differ a little. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMillis(750);

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A valid token in the handshake auth payload {\"token\"} is accepted")
    void token_in_auth_payload_is_accepted(Target target) {
        Scene scene = new Scene(target);
        ChatSocket socket = target.connect(ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.AUTH_PAYLOAD));
        assertThat(socket.connected()).isTrue();
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A valid token in an Authorization: Bearer header on the handshake is accepted")
    void token_in_authorization_header_is_accepted(Target target) {
        target.assumeSupported(Feature.HEADER_AUTH);
        Scene scene = new Scene(target);
        ChatSocket socket = target.connect(ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.AUTHORIZATION_HEADER));
        String conversation = scene.conversation(scene.a0);
        Scene.join(socket, conversation);
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A handshake without a token is refused: CONNECT_ERROR unauthorized {code: token_missing}")
    void missing_token_is_refused(Target target) {
        expectRefusal(target, ConnectOptions.withToken(null, "no token").tokenIn(TokenPlacement.NONE), "token_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A token signed with another secret is refused with token_invalid")
    void wrong_signature_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId()),
                "wrong signature"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A real token whose claims were altered (tenant_id swapped) is refused with token_invalid")
    void tampered_token_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(ForgedTokens.tamperedTenant(scene.a0.token(), scene.b0.tenantId()),
                "tampered tenant_id"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A token with alg none (unsigned) is refused with token_invalid")
    void alg_none_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(target.forged().algNone(scene.a0.tenantId(), scene.a0.userId()),
                "alg none"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A malformed token is refused with token_invalid")
    void malformed_token_is_refused(Target target) {
        expectRefusal(target, ConnectOptions.withToken(ForgedTokens.garbage(), "malformed token"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 An expired token is refused with token_expired")
    void expired_token_is_refused(Target target) {
        TokenMinter minter = target.minter("an expired but correctly signed token");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.expired(scene.a0.tenantId(), scene.a0.userId()),
                "expired token"), "token_expired");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A token not yet valid (nbf in the future) is refused with token_invalid")
    void not_yet_valid_token_is_refused(Target target) {
        TokenMinter minter = target.minter("a token with nbf in the future");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.notYetValid(scene.a0.tenantId(), scene.a0.userId()),
                "nbf in the future"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 When the target checks iss (or aud), a token with another issuer (or audience) is refused with token_invalid")
    void wrong_issuer_or_audience_is_refused(Target target) {
        TokenMinter minter = target.minter("tokens with a wrong iss/aud");
        org.junit.jupiter.api.Assumptions.assumeTrue(target.profile().jwtIssuer().isPresent()
                        || target.profile().jwtAudience().isPresent(),
                "the profile declares no jwtIssuer or jwtAudience the target checks");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.withWrongIssuerAndAudience(scene.a0.tenantId(),
                scene.a0.userId()), "wrong iss/aud"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A signed token without tenant_id is refused with claims_missing")
    void token_without_tenant_is_refused(Target target) {
        TokenMinter minter = target.minter("a signed token without tenant_id");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.withoutTenant(scene.a0.userId()), "no tenant_id"),
                "claims_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 A signed token without sub or without exp is refused with claims_missing")
    void token_without_sub_or_exp_is_refused(Target target) {
        TokenMinter minter = target.minter("signed tokens without sub / exp");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.withoutSubject(scene.a0.tenantId()), "no sub"),
                "claims_missing");
        expectRefusal(target, ConnectOptions.withToken(minter.withoutExpiry(scene.a0.tenantId(), scene.a0.userId()),
                "no exp"), "claims_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 When a live connection's token expires: error {code: token_expired}, then disconnect within 5 s of exp")
    void expiring_token_disconnects_the_socket(Target target) {
        target.assumeSupported(Feature.TOKEN_EXPIRY_DISCONNECT);
        TokenMinter minter = target.minter("a short-lived token");
        Scene scene = new Scene(target);
        String token = minter.token(scene.a0.tenantId(), scene.a0.userId(), target.profile().expiryTokenTtl());
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        ChatSocket socket = target.connect(ConnectOptions.withToken(token, scene.a0 + " (token expiring at " + exp + ")"));
        Duration untilDeadline = Duration.between(Instant.now(), exp.plusSeconds(5)).plus(CLOCK_TOLERANCE);
        socket.await("error", e -> "token_expired".equals(e.path("code").asText()),
                "error {code: token_expired} by exp + 5 s", untilDeadline);
        Duration left = Duration.between(Instant.now(), exp.plusSeconds(5)).plus(CLOCK_TOLERANCE);
        socket.awaitDisconnect(left.isNegative() ? Duration.ofMillis(1) : left);
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 REST without a valid token answers 401 with WWW-Authenticate: Bearer error=\"invalid_token\"")
    void rest_refuses_missing_and_forged_tokens(Target target) {
        Scene scene = new Scene(target);
        expect401(target.rest().get("/api/v2/conversations", null));
        expect401(target.rest().get("/api/v2/conversations", ForgedTokens.garbage()));
        expect401(target.rest().get("/api/v2/conversations", target.forged().algNone(scene.a0.tenantId(), scene.a0.userId())));
        expect401(target.rest().get("/api/v2/conversations",
                target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId())));
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @DisplayName("§2 REST with an expired token answers 401 invalid_token")
    void rest_refuses_expired_tokens(Target target) {
        TokenMinter minter = target.minter("an expired but correctly signed token");
        Scene scene = new Scene(target);
        expect401(target.rest().get("/api/v2/conversations", minter.expired(scene.a0.tenantId(), scene.a0.userId())));
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @DisplayName("§2 A token in the query string is never accepted: refused with token_missing")
    void token_in_query_string_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.QUERY_STRING), "token_missing");
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @DisplayName("§2 A handshake whose Origin is not on the allow-list is refused (cross-site WebSocket hijacking)")
    void foreign_origin_is_refused(Target target) {
        target.assumeSupported(Feature.ORIGIN_CHECK);
        Scene scene = new Scene(target);
        for (String transport : new String[] {"websocket", "polling"}) {
            ChatSocket socket = target.open(ConnectOptions.as(scene.a0).transports(transport).upgrade(false)
                    .origin("https://evil-" + Scene.shortId() + ".example"));
            ConnectOutcome outcome = socket.outcome();
            assertThat(outcome.kind()).as("a " + transport + " handshake from a foreign Origin: " + outcome)
                    .isNotEqualTo(ConnectOutcome.Kind.CONNECTED);
            assertThat(socket.connected()).as(transport + " socket connected despite a foreign Origin").isFalse();
        }
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @DisplayName("§2 A handshake without Origin is allowed, and one from an allow-listed Origin too")
    void no_origin_and_allowed_origin_are_accepted(Target target) {
        Scene scene = new Scene(target);
        target.connect(ConnectOptions.as(scene.a0));
        target.profile().allowedOrigin().ifPresent(origin -> target.connect(ConnectOptions.as(scene.a1).origin(origin)));
    }

    private static void expectRefusal(Target target, ConnectOptions options, String code) {
        ChatSocket socket = target.open(options);
        ConnectOutcome outcome = socket.outcome();
        assertThat(outcome.kind()).as("handshake with " + socket.label() + ": expected CONNECT_ERROR unauthorized {code: "
                + code + "}, got " + outcome).isEqualTo(ConnectOutcome.Kind.REFUSED);
        PayloadSchemas.bundled().require("connect-error.json", outcome.payload());
        assertThat(outcome.refusalCode()).as("CONNECT_ERROR data.code for " + socket.label() + " (" + outcome + ")")
                .isEqualTo(code);
    }

    private static void expect401(RestResponse response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate").orElse("")).as("WWW-Authenticate of " + response.describe())
                .startsWith("Bearer").contains("error=\"invalid_token\"");
        JsonNode body = response.body();
        assertThat(body.path("error").path("code").isTextual()).as("error body of " + response.describe()).isTrue();
    }
}
