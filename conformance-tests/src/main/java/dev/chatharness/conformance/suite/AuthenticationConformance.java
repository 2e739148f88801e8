package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.ConnectOptions.TokenPlacement;
import dev.chatharness.conformance.harness.ConnectOutcome;
import dev.chatharness.conformance.harness.ForgedTokens;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§2 Authentication")
@Order(2)
@ExtendWith(TargetExtension.class)
class AuthenticationConformance {

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.1", check = POSITIVE)
    @Clause(id = "2.2", check = POSITIVE)
    @Clause(id = "2.4", check = POSITIVE)
    @Clause(id = "2.5", check = POSITIVE)
    @Clause(id = "2.6", check = POSITIVE)
    @Clause(id = "2.7", check = POSITIVE)
    @DisplayName("§2.2 A valid HS256 token in the handshake auth payload {\"token\"} is accepted, as the token's user")
    void token_in_auth_payload_is_accepted(Target target) {
        Scene scene = new Scene(target);
        ChatSocket socket = target.connect(ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.AUTH_PAYLOAD));
        Scene.expectActsAs(socket, scene.a0, scene.conversation(scene.a0));
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @Clause(id = "2.2", check = NEGATIVE)
    @DisplayName("§2.2 Fields beside the token in the auth payload (tenant_id, sub, userId) are ignored: the token decides")
    void auth_payload_fields_beside_the_token_are_ignored(Target target) {
        Scene scene = new Scene(target);
        String mine = scene.conversation(scene.a0);
        String theirs = scene.conversation(scene.b1);
        ChatSocket socket = target.connect(ConnectOptions.as(scene.a0).authField("tenant_id", scene.b1.tenantId())
                .authField("sub", scene.b1.userId()).authField("userId", scene.b1.userId()));
        Scene.expectActsAs(socket, scene.a0, mine);
        JsonNode join = socket.ack("join-conversation", Json.object("conversationId", theirs));
        assertThat(join.path("error").path("code").asText()).as("join of " + scene.b1 + "'s conversation by a socket whose"
                + " auth payload claimed to be " + scene.b1 + " beside " + scene.a0 + "'s token: " + Json.brief(join))
                .isEqualTo("not_found");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.3", check = POSITIVE)
    @DisplayName("§2.3 A valid token in an Authorization: Bearer header on the handshake is accepted")
    void token_in_authorization_header_is_accepted(Target target) {
        target.assumeSupported(Feature.HEADER_AUTH);
        Scene scene = new Scene(target);
        ChatSocket socket = target.connect(ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.AUTHORIZATION_HEADER));
        Scene.expectActsAs(socket, scene.a0, scene.conversation(scene.a0));
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.3", check = NEGATIVE)
    @DisplayName("§2.3 A token in the Authorization header is checked like one in the auth payload: forged or not Bearer, refused")
    void authorization_header_is_verified(Target target) {
        target.assumeSupported(Feature.HEADER_AUTH);
        Scene scene = new Scene(target);
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("wrong signature", target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId()));
        forged.put("alg none", target.forged().algNone(scene.a0.tenantId(), scene.a0.userId()));
        forged.put("tampered tenant_id", ForgedTokens.tamperedTenant(scene.a0.token(), scene.b0.tenantId()));
        forged.forEach((what, token) -> expectRefusal(target, ConnectOptions.withToken(token, "header token with " + what)
                .tokenIn(TokenPlacement.AUTHORIZATION_HEADER), "token_invalid"));
        ChatSocket basic = target.open(ConnectOptions.withToken(null, "Basic credentials").tokenIn(TokenPlacement.NONE)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (scene.a0.userId() + ":" + scene.a0.token()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        ConnectOutcome outcome = basic.outcome();
        assertThat(outcome.kind()).as("handshake with Basic credentials instead of a Bearer token: " + outcome)
                .isEqualTo(ConnectOutcome.Kind.REFUSED);
        assertThat(outcome.refusalCode()).as("refusal code of Basic credentials (no Bearer token)")
                .isIn("token_missing", "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @Clause(id = "2.4", check = NEGATIVE)
    @DisplayName("§2.4 A token in the query string is never accepted: refused with token_missing")
    void token_in_query_string_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.as(scene.a0).tokenIn(TokenPlacement.QUERY_STRING), "token_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.5", check = NEGATIVE)
    @DisplayName("§2.5 A handshake without a token (or with an empty one) is refused with token_missing")
    void missing_token_is_refused(Target target) {
        expectRefusal(target, ConnectOptions.withToken(null, "no token").tokenIn(TokenPlacement.NONE), "token_missing");
        expectRefusal(target, ConnectOptions.withToken("", "an empty token"), "token_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.6", check = NEGATIVE)
    @DisplayName("§2.6 A token signed with another secret is refused with token_invalid")
    void wrong_signature_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId()),
                "wrong signature"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.6", check = NEGATIVE)
    @DisplayName("§2.6 A real token whose claims were altered (tenant_id swapped) is refused with token_invalid")
    void tampered_token_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(ForgedTokens.tamperedTenant(scene.a0.token(), scene.b0.tenantId()),
                "tampered tenant_id"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.6", check = NEGATIVE)
    @DisplayName("§2.6 A malformed token is refused with token_invalid")
    void malformed_token_is_refused(Target target) {
        expectRefusal(target, ConnectOptions.withToken(ForgedTokens.garbage(), "malformed token"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.1", check = NEGATIVE)
    @DisplayName("§2.1 A token with alg none (unsigned) is refused with token_invalid")
    void alg_none_is_refused(Target target) {
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(target.forged().algNone(scene.a0.tenantId(), scene.a0.userId()),
                "alg none"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.1", check = NEGATIVE)
    @DisplayName("§2.1 A token signed HS384 or HS512 with the right secret is refused with token_invalid: HS256 only")
    void other_hmac_algorithms_are_refused(Target target) {
        TokenMinter minter = target.minter("tokens signed with the target's secret under another algorithm");
        Scene scene = new Scene(target);
        for (String alg : new String[] {"HS384", "HS512"}) {
            expectRefusal(target, ConnectOptions.withToken(minter.signedWith(alg, scene.a0.tenantId(), scene.a0.userId()),
                    alg + " token"), "token_invalid");
            RestResponse rest = target.rest().get("/api/v2/conversations", minter.signedWith(alg, scene.a0.tenantId(),
                    scene.a0.userId()));
            assertThat(rest.status()).as(rest.describe() + " with an " + alg + " token").isEqualTo(401);
        }
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.7", check = NEGATIVE)
    @DisplayName("§2.7 A signed token without tenant_id, or with a tenant_id that is not a string, is refused with claims_missing")
    void token_without_tenant_is_refused(Target target) {
        TokenMinter minter = target.minter("signed tokens without a proper tenant_id");
        Scene scene = new Scene(target);
        expectRefusal(target, ConnectOptions.withToken(minter.withoutTenant(scene.a0.userId()), "no tenant_id"),
                "claims_missing");
        expectRefusal(target, ConnectOptions.withToken(minter.withNumericTenant(42, scene.a0.userId()), "numeric tenant_id"),
                "claims_missing");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.7", check = NEGATIVE)
    @DisplayName("§2.7 A signed token without sub or without exp is refused with claims_missing")
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
    @Clause(id = "2.10", check = POSITIVE)
    @Clause(id = "2.10", check = NEGATIVE)
    @DisplayName("§2.10 When the target checks iss (or aud), a token with another issuer (or audience) is refused with token_invalid")
    void wrong_issuer_or_audience_is_refused(Target target) {
        TokenMinter minter = target.minter("tokens with a wrong iss/aud");
        Assumptions.assumeTrue(target.profile().jwtIssuer().isPresent() || target.profile().jwtAudience().isPresent(),
                "the profile declares no jwtIssuer or jwtAudience the target checks");
        Scene scene = new Scene(target);
        target.connect(ConnectOptions.withToken(minter.token(scene.a0.tenantId(), scene.a0.userId()),
                "token with the configured iss/aud"));
        expectRefusal(target, ConnectOptions.withToken(minter.withWrongIssuerAndAudience(scene.a0.tenantId(),
                scene.a0.userId()), "wrong iss/aud"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.11", check = POSITIVE)
    @DisplayName("§2.11 Every refusal is a CONNECT_ERROR {message: unauthorized, data: {code}} with the code of its cause")
    void refusals_have_the_contract_shape(Target target) {
        Scene scene = new Scene(target);
        Map<String, ConnectOptions> causes = new LinkedHashMap<>();
        causes.put("token_missing", ConnectOptions.withToken(null, "no token").tokenIn(TokenPlacement.NONE));
        causes.put("token_invalid", ConnectOptions.withToken(ForgedTokens.garbage(), "garbage token"));
        if (target.profile().mintsTokens()) {
            TokenMinter minter = target.minter("expired and claim-less tokens");
            causes.put("token_expired", ConnectOptions.withToken(minter.expired(scene.a0.tenantId(), scene.a0.userId()),
                    "expired token"));
            causes.put("claims_missing", ConnectOptions.withToken(minter.withoutTenant(scene.a0.userId()), "no tenant_id"));
        }
        causes.forEach((code, options) -> {
            ConnectOutcome outcome = target.open(options).outcome();
            assertThat(outcome.kind()).as(options.label() + ": " + outcome).isEqualTo(ConnectOutcome.Kind.REFUSED);
            assertThat(outcome.payload().path("message").asText()).as("CONNECT_ERROR message for " + options.label())
                    .isEqualTo("unauthorized");
            assertThat(outcome.refusalCode()).as("CONNECT_ERROR data.code for " + options.label()).isEqualTo(code);
            PayloadSchemas.bundled().require("connect-error.json", outcome.payload());
        });
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @Clause(id = "2.11", check = NEGATIVE)
    @DisplayName("§2.11 A refused socket is never served: events sent after the CONNECT_ERROR get no answer and change nothing")
    void a_refused_socket_is_never_served(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket member = scene.joined(scene.a1, conversation);
        var raw = target.rawOpen("EIO=4&transport=websocket");
        raw.nextFrame(target.profile().connectTimeout());
        String ns = target.namespacePrefix();
        raw.send("40" + ns + Json.object("token", target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId())));
        String refusal = raw.until(frame -> frame.startsWith("4"), target.profile().connectTimeout());
        assertThat(refusal).as("answer to a CONNECT with a forged token").startsWith("44" + ns);
        String intrusion = Scene.marker("from-a-refused-socket");
        raw.send("42" + ns + "1" + Json.MAPPER.createArrayNode().add("join-conversation")
                .add(Json.object("conversationId", conversation)));
        raw.send("42" + ns + "2" + Json.MAPPER.createArrayNode().add("message")
                .add(Json.object("conversationId", conversation, "body", intrusion)));
        raw.send("42" + ns + Json.MAPPER.createArrayNode().add("message")
                .add(Json.object("conversationId", conversation, "body", intrusion)));
        String sentinel = Scene.marker("sentinel");
        Scene.send(scene.joined(scene.a0, conversation), conversation, sentinel);
        Scene.awaitMessage(member, sentinel);
        // Whatever the target did with the refused session (ignored the events, or closed it), nothing was served.
        raw.until(frame -> false, Duration.ofMillis(1));
        assertThat(raw.seen()).as("frames sent to a socket after its CONNECT_ERROR")
                .noneMatch(frame -> frame.startsWith("43" + ns + "1") || frame.startsWith("43" + ns + "2"));
        assertThat(member.received("message", m -> intrusion.equals(m.path("body").asText())))
                .as("messages sent by a refused socket that reached the room").isEmpty();
        assertThat(target.api().listMessages(scene.a1, conversation, 0, 100).path("items"))
                .as("messages stored after a refused socket's attempts").noneMatch(m -> intrusion.equals(m.path("body").asText()));
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.13", check = POSITIVE)
    @Clause(id = "2.13", check = NEGATIVE)
    @DisplayName("§2.13 REST takes a Bearer token; without a valid one it answers 401 with WWW-Authenticate: Bearer error=\"invalid_token\"")
    void rest_refuses_missing_and_forged_tokens(Target target) {
        Scene scene = new Scene(target);
        RestResponse valid = target.rest().get("/api/v2/conversations", scene.a0.token());
        assertThat(valid.status()).as(valid.describe() + " with a valid token").isEqualTo(200);
        expect401(target.rest().get("/api/v2/conversations", null));
        expect401(target.rest().get("/api/v2/conversations", ForgedTokens.garbage()));
        expect401(target.rest().get("/api/v2/conversations", target.forged().algNone(scene.a0.tenantId(), scene.a0.userId())));
        expect401(target.rest().get("/api/v2/conversations",
                target.forged().wrongSignature(scene.a0.tenantId(), scene.a0.userId())));
        expect401(target.rest().get("/api/v2/conversations",
                ForgedTokens.tamperedTenant(scene.a0.token(), scene.b0.tenantId())));
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.13", check = NEGATIVE)
    @DisplayName("§2.13 REST with an expired token, or one without its claims, answers 401 invalid_token")
    void rest_refuses_expired_tokens(Target target) {
        TokenMinter minter = target.minter("expired and claim-less but correctly signed tokens");
        Scene scene = new Scene(target);
        expect401(target.rest().get("/api/v2/conversations", minter.expired(scene.a0.tenantId(), scene.a0.userId())));
        expect401(target.rest().get("/api/v2/conversations", minter.withoutTenant(scene.a0.userId())));
    }

    @Test
    @Tag(ConformanceTags.SECURITY)
    @Clause(id = "2.14", check = NEGATIVE)
    @DisplayName("§2.14 A handshake whose Origin is not on the allow-list is refused, over either transport")
    void foreign_origin_is_refused(Target target) {
        target.assumeSupported(Feature.ORIGIN_CHECK);
        Scene scene = new Scene(target);
        for (String transport : new String[] {"websocket", "polling"}) {
            if ("polling".equals(transport) && target.profile().unsupported().contains(Feature.POLLING)) {
                continue;
            }
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
    @Clause(id = "2.14", check = POSITIVE)
    @DisplayName("§2.14 A handshake without Origin is allowed, and one from an allow-listed Origin too")
    void no_origin_and_allowed_origin_are_accepted(Target target) {
        Scene scene = new Scene(target);
        target.connect(ConnectOptions.as(scene.a0));
        target.profile().allowedOrigin().ifPresent(origin -> {
            for (String transport : Set.of("websocket", "polling")) {
                if (!"polling".equals(transport) || !target.profile().unsupported().contains(Feature.POLLING)) {
                    target.connect(ConnectOptions.as(scene.a1).origin(origin).transports(transport).upgrade(false));
                }
            }
        });
    }

    static void expectRefusal(Target target, ConnectOptions options, String code) {
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
