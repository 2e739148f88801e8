package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One REST answer: status, headers and the body as JSON (missing when empty or not JSON). */
public record RestResponse(String request, int status, HttpHeaders headers, String rawBody, JsonNode body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The {@code error.code} of an error body, or "" when there is none. */
    public String errorCode() {
        return body.path("error").path("code").asText("");
    }

    /** How a failure message shows this answer: request, status and a shortened body. */
    public String describe() {
        return request + " -> " + status + (rawBody.isEmpty() ? "" : " " + Json.brief(body instanceof MissingNode
                ? com.fasterxml.jackson.databind.node.TextNode.valueOf(rawBody) : body));
    }
}
