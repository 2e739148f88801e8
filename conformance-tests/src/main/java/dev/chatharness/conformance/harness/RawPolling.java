package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bare Engine.IO long-polling requests, for what the official client never does on purpose: polling a session that
 * does not exist, or one that has moved to WebSocket.
 *
 * <pre>{@code
 * RawPolling polling = target.rawPolling();   // GET ?EIO=4&transport=polling: the session is open
 * polling.post("40{\"token\":\"...\"}");
 * HttpResponse<String> answer = polling.get(); // 200 "40{\"sid\":...}"
 * }</pre>
 */
public final class RawPolling {

    private final TargetHttp http;
    private final URI endpoint;
    private final Duration timeout;
    private final String sid;
    private final JsonNode open;

    private RawPolling(TargetHttp http, URI endpoint, Duration timeout, String sid, JsonNode open) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.sid = sid;
        this.open = open;
    }

    /** Opens a polling session at {@code endpoint} (the Socket.IO path with {@code ?EIO=4&transport=polling}). */
    static RawPolling open(TargetHttp http, URI endpoint, Duration timeout) {
        HttpResponse<String> handshake = request(http, "GET", endpoint, null, timeout);
        String body = handshake.body();
        if (handshake.statusCode() != 200 || !body.startsWith("0{")) {
            throw new AssertionError("the polling handshake GET " + endpoint + " answered " + handshake.statusCode()
                    + " '" + body + "' instead of an Engine.IO open packet");
        }
        JsonNode open = Json.parse(body.substring(1));
        return new RawPolling(http, endpoint, timeout, open.path("sid").asText(), open);
    }

    /** The session id the server gave. */
    public String sid() {
        return sid;
    }

    /** The open packet's data ({@code sid}, {@code upgrades}, {@code pingInterval}, {@code maxPayload}...). */
    public JsonNode openPacket() {
        return open;
    }

    /** A long-polling GET of this session. */
    public HttpResponse<String> get() {
        return request(http, "GET", URI.create(endpoint + "&sid=" + sid), null, timeout);
    }

    /** A POST of {@code payload} (Engine.IO packets separated by {@code \u001e}) to this session. */
    public HttpResponse<String> post(String payload) {
        return request(http, "POST", URI.create(endpoint + "&sid=" + sid), payload, timeout);
    }

    /** Any polling request, for the cases this class does not cover (an unknown sid, a wrong protocol revision). */
    public static HttpResponse<String> request(TargetHttp http, String method, URI uri, String body, Duration timeout) {
        HttpRequest.Builder request = http.request(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "text/plain;charset=UTF-8");
        }
        return http.send(request.build());
    }
}
