package dev.chatharness.examples;

import org.json.JSONException;
import org.json.JSONObject;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Chat v2 REST calls the example needs ({@code /api/v2}, JSON, {@code Authorization: Bearer <jwt>}), on the
 * JDK's own HTTP client.
 */
final class ChatRest {
    private final URI server;
    private final Duration timeout;
    private final PrintStream out;
    private final HttpClient http;

    ChatRest(URI server, Duration timeout, PrintStream out) {
        this.server = server;
        this.timeout = timeout;
        this.out = out;
        // HTTP/1.1: the JDK's default offers an h2c upgrade, which a Node socket.io server drops after a second.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * {@code POST /api/v2/conversations}: creates a conversation of the token's user with {@code participantIds}
     * (the creator is added by the server) and returns the Conversation.
     */
    JSONObject createConversation(String user, String token, String title, List<String> participantIds)
            throws ExampleFailure {
        JSONObject body = new JSONObject(Map.of("title", title, "participantIds", participantIds));
        return send(user, token, "POST", "/api/v2/conversations", body, 201);
    }

    private JSONObject send(String user, String token, String method, String path, JSONObject body, int expected)
            throws ExampleFailure {
        out.println("[" + user + "] REST " + method + " " + path + " " + body);
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExampleFailure(ExampleFailure.UNREACHABLE_OR_AUTH, method + " " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, "interrupted during " + method + " " + path);
        }
        out.println("[" + user + "] REST <- " + response.statusCode() + " " + response.body());
        if (response.statusCode() == 401) {
            throw new ExampleFailure(ExampleFailure.UNREACHABLE_OR_AUTH,
                    method + " " + path + " answered 401: the server refused " + user + "'s token");
        }
        if (response.statusCode() != expected) {
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, method + " " + path + " answered "
                    + response.statusCode() + " instead of " + expected + ": " + response.body());
        }
        try {
            return new JSONObject(response.body());
        } catch (JSONException e) {
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, method + " " + path + " answered invalid JSON: "
                    + response.body());
        }
    }
}
