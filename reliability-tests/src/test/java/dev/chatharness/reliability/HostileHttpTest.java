package dev.chatharness.reliability;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.reliability.support.HostileHttpCorpus;
import dev.chatharness.reliability.support.LiveSocket;
import dev.chatharness.reliability.support.RawHttp;
import dev.chatharness.reliability.support.Rest;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-HTTP corpus ({@link HostileHttpCorpus}, about 550 raw requests: garbage request lines, odd methods,
 * malformed chunked bodies, bodies cut short and half-closed, broken WebSocket upgrades, huge headers, tokens whose
 * payload is not an object, smuggling shapes) against the reference server, each on its own connection, while two
 * healthy users keep chatting over the official Socket.IO client.
 *
 * <p>Every case: no answer of 500 or more; cases marked {@code 4xx} must be answered with a client error; every
 * error body is JSON in the contract's shape {@code {"error":{"code","message"}}} (or, on the Socket.IO path, the
 * Engine.IO one {@code {"code":N,"message"}}) and names no class or stack frame. Every 25 cases and at the end: a
 * healthy message goes from alice to bob, {@code /health} answers, and neither healthy socket was disconnected.
 */
@Timeout(300)
class HostileHttpTest {
    private static final String SECRET = "hostile-http-secret";
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final int HEALTH_EVERY = 25;
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [\\w$.<>]+\\([\\w$.]+\\.(?:java|kt):\\d+\\)|\\b[A-Z]\\w*(?:Exception|Error)\\b|<html|"
                    + "\\b(?:java|javax|jakarta|kotlin|sun|org|com|io|dev)\\.[a-z]\\w*\\.[\\w.$]*[A-Z]\\w*");

    @Test
    @DisplayName("hostile HTTP: no answer >= 500, client errors in the contract's shape, healthy clients unaffected")
    void hostile_http_corpus() throws Exception {
        List<HostileHttpCorpus.Case> corpus = HostileHttpCorpus.load();
        assertThat(corpus).as("corpus cases").hasSizeGreaterThanOrEqualTo(400);
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).build())) {
            Rest rest = new Rest(server.baseUrl());
            String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 6);
            String alice = new TokenMinter(SECRET).token(tenant, "alice", Duration.ofHours(1));
            String bob = new TokenMinter(SECRET).token(tenant, "bob", Duration.ofHours(1));
            String mallory = new TokenMinter(SECRET).token(tenant, "mallory", Duration.ofHours(1));
            String healthy = rest.createConversation(alice, List.of("bob"));
            Map<String, String> fixed = new TreeMap<>(Map.of(
                    "host", "127.0.0.1:" + server.port(),
                    "token", mallory,
                    "conversationId", rest.createConversation(mallory, List.of())));
            fixed.putAll(hostileTokens());

            List<String> problems = new ArrayList<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            long start = System.nanoTime();
            try (LiveSocket a = LiveSocket.connect(server.baseUrl(), alice);
                 LiveSocket b = LiveSocket.connect(server.baseUrl(), bob)) {
                a.ok("join-conversation", Map.of("conversationId", healthy));
                b.ok("join-conversation", Map.of("conversationId", healthy));
                for (int i = 0; i < corpus.size(); i++) {
                    HostileHttpCorpus.Case c = corpus.get(i);
                    byte[] request = c.bytes(t -> fill(t, fixed, rest));
                    RawHttp.Exchange exchange = RawHttp.send(server.port(), request, c.halfClose(), c.isHead(), IDLE);
                    outcomes.merge(outcome(exchange), 1, Integer::sum);
                    problems.addAll(judge(c, exchange));
                    if ((i + 1) % HEALTH_EVERY == 0 || i == corpus.size() - 1) {
                        problems.addAll(healthy(a, b, rest, healthy, c));
                    }
                }
            }
            System.out.printf("hostile http: %d cases in %.1f s; first answers %s; %d problems%n", corpus.size(),
                    (System.nanoTime() - start) / 1e9, outcomes, problems.size());
            assertThat(problems).as("hostile HTTP problems").isEmpty();
        }
    }

    /** Correctly signed tokens whose payload or claims are of the wrong JSON type. */
    private static Map<String, String> hostileTokens() {
        return Map.of(
                "jwt-null", signed("null"),
                "jwt-array", signed("[1,2]"),
                "jwt-number", signed("12"),
                "jwt-string", signed("\"mallory\""),
                "jwt-bool", signed("true"),
                "jwt-claim-types", signed("{\"sub\":123,\"tenant_id\":[\"acme\"],\"exp\":{\"at\":1}}"),
                "jwt-exp-string", signed("{\"sub\":\"m\",\"tenant_id\":\"acme\",\"exp\":\"tomorrow\"}"),
                "jwt-exp-huge", signed("{\"sub\":\"m\",\"tenant_id\":\"acme\",\"exp\":1e300}"));
    }

    private static String signed(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = Algorithm.HMAC256(SECRET).sign(header.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(signature);
    }

    private static String fill(String template, Map<String, String> fixed, Rest rest) {
        String t = template;
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            t = t.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (t.contains("${wskey}")) {
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            t = t.replace("${wskey}", Base64.getEncoder().encodeToString(key));
        }
        if (t.contains("${sid}")) {
            t = t.replace("${sid}", freshSid(rest));
        }
        return t;
    }

    /** A new Engine.IO polling session: the handshake answers {@code 0{"sid":...}}. */
    private static String freshSid(Rest rest) {
        Rest.Answer open = rest.call("GET", "/socket.io/?EIO=4&transport=polling", null, null);
        assertThat(open.status()).as("polling handshake").isEqualTo(200);
        try {
            return Rest.JSON.readTree(open.rawBody().substring(1)).get("sid").asText();
        } catch (IOException e) {
            throw new AssertionError("handshake answered " + open.rawBody(), e);
        }
    }

    private static String outcome(RawHttp.Exchange exchange) {
        HttpTester.Response first = exchange.first();
        if (first == null) {
            return exchange.closedByServer() ? "closed" : "silent";
        }
        return first.getStatus() / 100 + "xx";
    }

    private static List<String> judge(HostileHttpCorpus.Case c, RawHttp.Exchange exchange) {
        List<String> problems = new ArrayList<>();
        for (HttpTester.Response r : exchange.responses()) {
            if (r.getStatus() >= 500) {
                problems.add(c + ": answered " + r.getStatus() + " " + brief(r.getContent()));
            }
            if (r.getStatus() >= 400) {
                errorBody(r).ifPresent(p -> problems.add(c + ": " + p));
            }
        }
        if (c.expect() == HostileHttpCorpus.Expect.CLIENT_ERROR) {
            HttpTester.Response first = exchange.first();
            if (first == null || first.getStatus() < 400 || first.getStatus() >= 500) {
                problems.add(c + ": expected a 4xx answer, got " + (first == null ? outcome(exchange)
                        : first.getStatus() + " " + brief(first.getContent())));
            }
        }
        return problems;
    }

    /** A problem with an error body: not JSON, not one of the two error shapes, or leaking internals. */
    private static java.util.Optional<String> errorBody(HttpTester.Response r) {
        String body = r.getContent();
        if (body == null || body.isEmpty()) {
            return java.util.Optional.empty(); // a HEAD answer, or Jetty closing with a bare status
        }
        if (LEAK.matcher(body).find()) {
            return java.util.Optional.of(r.getStatus() + " body leaks internals: " + brief(body));
        }
        JsonNode json;
        try {
            json = Rest.JSON.readTree(body);
        } catch (IOException e) {
            return java.util.Optional.of(r.getStatus() + " body is not JSON: " + brief(body));
        }
        boolean contract = json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual();
        boolean engineIo = json.path("code").isInt() && json.path("message").isTextual();
        return contract || engineIo ? java.util.Optional.empty()
                : java.util.Optional.of(r.getStatus() + " body is not an error object: " + brief(body));
    }

    private static List<String> healthy(LiveSocket a, LiveSocket b, Rest rest, String conversation,
                                        HostileHttpCorpus.Case after) {
        List<String> problems = new ArrayList<>();
        String marker = "healthy " + UUID.randomUUID();
        a.ok("message", Map.of("conversationId", conversation, "body", marker));
        JsonNode received = b.nextMessage(LiveSocket.WAIT);
        while (received != null && !marker.equals(received.path("body").asText())) {
            received = b.nextMessage(LiveSocket.WAIT);
        }
        if (received == null) {
            problems.add("after " + after + ": bob did not receive alice's message");
        }
        if (rest.call("GET", "/health", null, null).status() != 200) {
            problems.add("after " + after + ": /health is not 200");
        }
        for (LiveSocket s : List.of(a, b)) {
            String reason = s.awaitDisconnect(Duration.ZERO);
            if (reason != null) {
                problems.add("after " + after + ": a healthy socket was disconnected: " + reason);
            }
        }
        return problems;
    }

    private static String brief(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
