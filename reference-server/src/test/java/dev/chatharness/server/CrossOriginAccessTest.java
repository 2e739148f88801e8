package dev.chatharness.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.server.support.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Browsers on an allowed origin can use REST and long-polling (CORS); others cannot")
class CrossOriginAccessTest {
    private static final String ALLOWED = "http://127.0.0.1:8081";
    private static final String STRANGER = "http://evil.example";
    private static ChatServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServers.start(b -> b.allowedOrigins(List.of(ALLOWED)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_long_polling_handshake_from_an_allowed_origin_carries_CORS_headers_a_browser_accepts() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling"))
                .header("Origin", ALLOWED));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("0{\"sid\"");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    }

    @Test
    void a_REST_preflight_from_an_allowed_origin_is_answered_and_rate_limit_headers_are_exposed() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/conversations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);

        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/conversations"))
                .header("Origin", ALLOWED));
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Retry-After").contains("RateLimit").contains("WWW-Authenticate");
    }

    @Test
    void another_origin_gets_no_CORS_headers_and_its_handshake_is_refused() throws Exception {
        HttpResponse<String> handshake = send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling")).header("Origin", STRANGER));
        HttpResponse<String> rest = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                .header("Origin", STRANGER));

        assertThat(handshake.statusCode()).isEqualTo(403);
        assertThat(handshake.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(rest.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
