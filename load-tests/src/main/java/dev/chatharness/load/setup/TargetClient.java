package dev.chatharness.load.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.common.exit.TargetUnreachableException;
import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.load.LoadOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The few REST calls of the contract that set a run up and check it afterwards, with the run's TLS trust and
 * gateway headers. Paths are appended to the base URL, so a target behind a path prefix
 * ({@code https://host/chat}) keeps its prefix.
 */
public final class TargetClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http;
    private final List<HttpHeader> headers;

    public TargetClient(URI base, TlsTrust trust, List<HttpHeader> headers) {
        this.base = base.toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .sslContext(trust.sslContext()).build();
        this.headers = List.copyOf(headers);
    }

    /** The client of a run of {@code options}. */
    public static TargetClient of(LoadOptions options) {
        return new TargetClient(options.target(), options.tlsTrust(), options.headers());
    }

    private URI at(String path) {
        return URI.create(base + path);
    }

    /** GET /health; throws {@link TargetUnreachableException} unless it answers 200. */
    public void checkHealth() {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(at("/health")).GET(), null);
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(at("/api/v2/conversations"))
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
            URI uri = at("/api/v2/conversations/" + conversationId + "/messages?limit=100&afterSeq=" + afterSeq);
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
        headers.forEach(h -> request.header(h.name(), h.value()));
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
