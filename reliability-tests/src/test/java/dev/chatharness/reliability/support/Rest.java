package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The few REST calls these tests need, over {@code java.net.http}, with the answer as JSON. */
public final class Rest {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    /** HTTP/1.1: the default HTTP/2 upgrade attempt (h2c) makes Node servers that serve Socket.IO drop the request. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    public Rest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Status and parsed body (a JSON string node when the body is not JSON). */
    public record Answer(int status, JsonNode body, String rawBody, HttpResponse<String> response) {
    }

    public Answer call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** Creates a conversation of the token's user with {@code others}; returns its id. */
    public String createConversation(String token, List<String> others) {
        Answer a = call("POST", "/api/v2/conversations", token, Map.of("title", "reliability", "participantIds", others));
        if (a.status() != 201) {
            throw new AssertionError("create conversation answered " + a.status() + " " + a.rawBody());
        }
        return a.body().get("id").asText();
    }

    /** Every message of a conversation, by pages of 100, in the order the server gives ({@code seq}). */
    public List<JsonNode> history(String token, String conversationId) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            Answer a = call("GET", "/api/v2/conversations/" + conversationId + "/messages?limit=100&afterSeq=" + after,
                    token, null);
            if (a.status() != 200) {
                throw new AssertionError("history of " + conversationId + " answered " + a.status() + " " + a.rawBody());
            }
            ArrayNode items = (ArrayNode) a.body().get("items");
            if (items.isEmpty()) {
                return all;
            }
            items.forEach(all::add);
            after = items.get(items.size() - 1).get("seq").asLong();
        }
    }
}
