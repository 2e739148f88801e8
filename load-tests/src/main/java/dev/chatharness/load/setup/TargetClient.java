package dev.chatharness.load.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.common.exit.TargetUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The few REST calls of the contract that set a run up and check it afterwards. */
public final class TargetClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    public TargetClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** GET /health; throws {@link TargetUnreachableException} unless it answers 200. */
    public void checkHealth() {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/health")).GET(), null);
            if (response.statusCode() != 200) {
                throw new TargetUnreachableException(
                        "target " + base + " answered GET /health with " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new TargetUnreachableException("target " + base + " is unreachable: " + e, e);
        }
    }

    /** POST /api/v2/conversations as the creator; returns the new conversation's id. */
    public String createConversation(String token, String title, List<String> participantIds) throws IOException {
        String body = JSON.writeValueAsString(Map.of("title", title, "participantIds", participantIds));
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/v2/conversations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new TargetUnreachableException("target refused the run's token when creating a room ("
                    + response.statusCode() + " " + response.body() + "): check the JWT secret or tokens file", null);
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("POST /api/v2/conversations answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Counts the messages the target stored in a conversation, paging GET .../messages by seq. */
    public long countMessages(String token, String conversationId) throws IOException {
        long count = 0;
        long afterSeq = 0;
        while (true) {
            URI uri = base.resolve("/api/v2/conversations/" + conversationId + "/messages?limit=100&afterSeq=" + afterSeq);
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET(), token);
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
            }
            JsonNode items = JSON.readTree(response.body()).path("items");
            if (!items.isArray() || items.isEmpty()) {
                return count;
            }
            count += items.size();
            afterSeq = items.get(items.size() - 1).path("seq").asLong();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
