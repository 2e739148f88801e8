package dev.chatharness.conformance.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.TargetHttp;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * One Engine.IO long-polling handshake and what came back: the open packet, an Engine.IO error (which proves a
 * Socket.IO server answered, only to refuse), or something else (a proxy's page, a 404 of another application).
 */
record EngineAnswer(int status, String body, Optional<JsonNode> open, Optional<String> failure) {

    /** {@code GET <socket path>?EIO=4&transport=polling} through {@code client}. */
    static EngineAnswer handshake(TargetHttp client, Map<String, String> headers) {
        HttpResponse<String> answer;
        try {
            answer = Examination.send(client, "GET", client.engine("EIO=4&transport=polling"), null, headers);
        } catch (UncheckedIOException e) {
            return new EngineAnswer(0, "", Optional.empty(), Optional.of(String.valueOf(e.getCause())));
        }
        String body = answer.body();
        Optional<JsonNode> open = Optional.empty();
        if (answer.statusCode() == 200 && body.startsWith("0{")) {
            try {
                open = Optional.of(Json.parse(body.substring(1)));
            } catch (RuntimeException notJson) {
                // reported as not an open packet
            }
        }
        return new EngineAnswer(answer.statusCode(), body, open, Optional.empty());
    }

    boolean opened() {
        return open.isPresent();
    }

    String sid() {
        return open.map(o -> o.path("sid").asText()).orElse("");
    }

    /** True when the body is an Engine.IO error, {@code {"code":N,"message":"..."}}: a Socket.IO server refused. */
    boolean engineError() {
        try {
            JsonNode json = Json.parse(body);
            return json.has("code") && json.has("message") && json.path("code").isInt();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** True for the Engine.IO answer to a request of a session this node does not know. */
    static boolean sessionUnknown(int status, String body) {
        return status == 400 && (body.contains("Session ID unknown") || body.replace(" ", "").contains("\"code\":1,"));
    }

    String describe() {
        if (failure.isPresent()) {
            return "no answer (" + failure.get() + ")";
        }
        return "HTTP " + status + " " + Examination.brief(body);
    }
}
