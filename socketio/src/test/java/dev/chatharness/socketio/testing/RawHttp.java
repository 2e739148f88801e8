package dev.chatharness.socketio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Raw Engine.IO over HTTP: the requests a long-polling client sends, with nothing hidden. */
public final class RawHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:1234/engine.io/} */
    public RawHttp(String base) {
        this.base = base;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Response get(String query) {
        return send(HttpRequest.newBuilder(uri(query)).GET());
    }

    public CompletableFuture<Response> getAsync(String query) {
        return sendAsync(HttpRequest.newBuilder(uri(query)).GET());
    }

    public Response post(String query, String body) {
        return send(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String query, byte[] body) {
        return send(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public CompletableFuture<Response> postAsync(String query, String body) {
        return sendAsync(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response method(String method, String query) {
        return send(HttpRequest.newBuilder(uri(query)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Opens a polling session; returns its sid. */
    public String handshake() {
        Response r = get("EIO=4&transport=polling");
        if (r.status() != 200 || !r.body().startsWith("0")) {
            throw new AssertionError("handshake failed: " + r);
        }
        try {
            return MAPPER.readTree(r.body().substring(1)).get("sid").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String query) {
        return URI.create(base + (query.isEmpty() ? "" : "?" + query));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            return sendAsync(builder).get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed", e);
        }
    }

    private CompletableFuture<Response> sendAsync(HttpRequest.Builder builder) {
        return client.sendAsync(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }
}
