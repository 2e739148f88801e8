package dev.chatharness.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import dev.chatharness.server.support.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Handshake authentication, Origin allow-list and token expiry (contract section 2)")
class HandshakeTest {
    private static ChatServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(b -> b.allowedOrigins(List.of("https://chat.example")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertRefused(ChatClient.Options options, String code) {
        JsonNode refusal = ChatClient.refusal(server.baseUrl(), options);
        Schemas.valid("connect-error.json", refusal);
        assertThat(refusal.get("message").asText()).isEqualTo("unauthorized");
        assertThat(refusal.get("data").get("code").asText()).isEqualTo(code);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    void a_connection_without_token_is_refused_with_token_missing(Transport transport) {
        assertRefused(ChatClient.Options.token(null).over(transport), "token_missing");
    }

    @Test
    void a_token_in_the_query_string_is_never_read() {
        assertRefused(new ChatClient.Options(Transport.WEBSOCKET, null, null, Tokens.of("acme", "alice"), null), "token_missing");
    }

    @Test
    void bad_signature_malformed_token_wrong_alg_and_alg_none_are_refused_with_token_invalid() {
        Instant exp = Instant.now().plusSeconds(600);
        String otherSecret = JWT.create().withSubject("alice").withClaim("tenant_id", "acme").withExpiresAt(exp)
                .sign(Algorithm.HMAC256("another-secret"));
        String hs384 = JWT.create().withSubject("alice").withClaim("tenant_id", "acme").withExpiresAt(exp)
                .sign(Algorithm.HMAC384(Tokens.SECRET));
        String none = JWT.create().withSubject("alice").withClaim("tenant_id", "acme").withExpiresAt(exp)
                .sign(Algorithm.none());
        for (String token : List.of(otherSecret, hs384, none, "garbage", "a.b.c")) {
            assertRefused(ChatClient.Options.token(token), "token_invalid");
        }
    }

    @Test
    void a_signed_token_whose_header_or_payload_is_null_an_array_a_number_or_a_string_is_refused_with_token_invalid() {
        for (String token : Tokens.withNonObjectParts()) {
            assertRefused(ChatClient.Options.token(token), "token_invalid");
        }
    }

    @Test
    void a_token_not_yet_valid_is_refused_with_token_invalid() {
        String notYet = JWT.create().withSubject("alice").withClaim("tenant_id", "acme")
                .withNotBefore(Instant.now().plusSeconds(600)).withExpiresAt(Instant.now().plusSeconds(1200))
                .sign(Algorithm.HMAC256(Tokens.SECRET));
        assertRefused(ChatClient.Options.token(notYet), "token_invalid");
    }

    @Test
    void an_expired_token_is_refused_with_token_expired() {
        assertRefused(ChatClient.Options.token(Tokens.expired("acme", "alice")), "token_expired");
    }

    @Test
    void a_token_without_sub_tenant_or_exp_is_refused_with_claims_missing() {
        Instant exp = Instant.now().plusSeconds(600);
        Algorithm hs = Algorithm.HMAC256(Tokens.SECRET);
        List<String> tokens = List.of(
                JWT.create().withClaim("tenant_id", "acme").withExpiresAt(exp).sign(hs),
                JWT.create().withSubject("alice").withExpiresAt(exp).sign(hs),
                JWT.create().withSubject("alice").withClaim("tenant_id", "acme").sign(hs),
                JWT.create().withSubject("alice").withClaim("tenant_id", 7).withExpiresAt(exp).sign(hs));
        for (String token : tokens) {
            assertRefused(ChatClient.Options.token(token), "claims_missing");
        }
    }

    @Test
    void a_live_connection_gets_error_token_expired_and_is_disconnected_within_5_seconds_of_exp() {
        String token = Tokens.expiringIn("acme", "shortlived", Duration.ofSeconds(2));
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        try (ChatClient client = ChatClient.connect(server.baseUrl(), token)) {
            JsonNode error = Schemas.valid("error-event.json", client.next("error"));
            assertThat(error.get("code").asText()).isEqualTo("token_expired");
            client.awaitDisconnect(Duration.ofSeconds(5));
            assertThat(Instant.now()).isBefore(exp.plusSeconds(5));
            assertThat(client.connected()).isFalse();
        }
    }

    @Test
    void handshakes_with_a_foreign_origin_are_refused_and_without_origin_or_with_an_allowed_one_accepted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI open = URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling");
        assertThat(http.send(HttpRequest.newBuilder(open).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(open).header("Origin", "https://chat.example").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(open).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        var evil = ChatClient.Options.token(Tokens.of("acme", "alice")).origin("https://evil.example");
        JsonNode refusal = ChatClient.refusal(server.baseUrl(), evil);
        assertThat(refusal.toString()).doesNotContain("\"ok\"");
        try (ChatClient ok = ChatClient.connect(server.baseUrl(),
                ChatClient.Options.token(Tokens.of("acme", "alice")).origin("https://chat.example"))) {
            assertThat(ok.connected()).isTrue();
        }
    }

    @Test
    void by_default_the_allow_list_is_empty_and_every_handshake_with_an_origin_is_refused() throws Exception {
        try (ChatServer plain = TestServers.start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI open = URI.create(plain.baseUrl() + "/socket.io/?EIO=4&transport=polling");
            assertThat(http.send(HttpRequest.newBuilder(open).header("Origin", "http://127.0.0.1:" + plain.port()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(http.send(HttpRequest.newBuilder(open).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void rest_and_sockets_accept_the_same_token_and_rest_refuses_a_token_without_tenant() {
        RestClient rest = new RestClient(server.baseUrl());
        String noTenant = JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.HMAC256(Tokens.SECRET));
        var r = rest.get("/api/v2/conversations", noTenant);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("claims_missing");
        assertThat(rest.get("/api/v2/conversations", Tokens.of("acme", "alice")).status()).isEqualTo(200);
        assertThat(Base64.getUrlDecoder().decode(Tokens.of("acme", "alice").split("\\.")[0])).asString().contains("HS256");
    }
}
