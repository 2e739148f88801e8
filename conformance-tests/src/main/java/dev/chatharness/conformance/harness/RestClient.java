package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Plain REST calls to the target. Every error answer (4xx/5xx) is checked against
 * {@code rest-error.json} here, so no test can forget it; success bodies are checked by {@link ChatApi}.
 */
public final class RestClient {

    private final TargetHttp http;
    private final Duration timeout;

    RestClient(TargetHttp http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    public RestResponse get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public RestResponse post(String path, String token, JsonNode body) {
        return send("POST", path, token, body, Map.of());
    }

    public RestResponse patch(String path, String token, JsonNode body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public RestResponse delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** A call with a raw body (sent as is, with {@code contentType}), for bodies that are not JSON on purpose. */
    public RestResponse sendRaw(String method, String path, String token, String rawBody, String contentType) {
        return exchange(method, path, token, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(rawBody), rawBody == null ? Map.of() : Map.of("Content-Type", contentType));
    }

    /** Any call; {@code token} null sends no Authorization header. */
    public RestResponse send(String method, String path, String token, JsonNode body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (body != null) {
            all.put("Content-Type", "application/json; charset=utf-8");
        }
        all.putAll(headers);
        return exchange(method, path, token, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()), all);
    }

    private RestResponse exchange(String method, String path, String token, HttpRequest.BodyPublisher body,
                                  Map<String, String> headers) {
        HttpRequest.Builder request = http.request(http.rest(path)).timeout(timeout).method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        String description = method + " " + path;
        try {
            HttpResponse<String> response = http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = parseOrMissing(response.body());
            RestResponse answer = new RestResponse(description, response.statusCode(), response.headers(), response.body(), json);
            if (answer.status() >= 400) {
                List<String> errors = PayloadSchemas.bundled().errors("rest-error.json", json.isMissingNode()
                        ? com.fasterxml.jackson.databind.node.TextNode.valueOf(response.body()) : json);
                if (!errors.isEmpty()) {
                    throw new AssertionError("§4 REST error body: " + answer.describe() + " breaks rest-error.json: "
                            + String.join("; ", errors));
                }
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(description + " interrupted", e);
        }
    }

    private static JsonNode parseOrMissing(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
