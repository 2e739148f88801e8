package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The REST endpoints of contract section 10, each checking the status it expects and validating the
 * body against its schema, so that a test reads like the scenario it checks. The {@code try*}
 * variants return the raw answer for tests about errors.
 */
public final class ChatApi {

    static final String API = "/api/v2";

    private final RestClient rest;
    private final boolean backOffWhenRateLimited;

    ChatApi(RestClient rest, boolean backOffWhenRateLimited) {
        this.rest = rest;
        this.backOffWhenRateLimited = backOffWhenRateLimited;
    }

    public RestClient rest() {
        return rest;
    }

    /** POST /conversations as {@code creator} with the others as participants; expects 201. */
    public JsonNode createConversation(User creator, String title, User... others) {
        ObjectNode body = Json.object("title", title);
        ArrayNode ids = body.putArray("participantIds");
        for (User other : others) {
            ids.add(other.userId());
        }
        return expect(rest.post(API + "/conversations", creator.token(), body), 201, "conversation.json");
    }

    public JsonNode listConversations(User user) {
        return expect(rest.get(API + "/conversations", user.token()), 200, "conversation-list.json");
    }

    public JsonNode getConversation(User user, String conversationId) {
        return expect(tryGetConversation(user, conversationId), 200, "conversation.json");
    }

    public RestResponse tryGetConversation(User user, String conversationId) {
        return rest.get(conversationPath(conversationId), user.token());
    }

    public JsonNode renameConversation(User user, String conversationId, String title) {
        return expect(tryRenameConversation(user, conversationId, title), 200, "conversation.json");
    }

    public RestResponse tryRenameConversation(User user, String conversationId, String title) {
        return rest.patch(conversationPath(conversationId), user.token(), Json.object("title", title));
    }

    public JsonNode addParticipant(User by, String conversationId, User added) {
        return expect(tryAddParticipant(by, conversationId, added.userId()), 200, "conversation.json");
    }

    public RestResponse tryAddParticipant(User by, String conversationId, String userId) {
        return rest.post(conversationPath(conversationId) + "/participants", by.token(), Json.object("userId", userId));
    }

    public void removeParticipant(User by, String conversationId, User removed) {
        expect(tryRemoveParticipant(by, conversationId, removed.userId()), 204, null);
    }

    public RestResponse tryRemoveParticipant(User by, String conversationId, String userId) {
        return rest.delete(conversationPath(conversationId) + "/participants/" + segment(userId), by.token());
    }

    /** POST .../messages; expects 201. */
    public JsonNode postMessage(User sender, String conversationId, String body) {
        return expect(patiently(() -> tryPostMessage(sender, conversationId, body, null)), 201, "message.json");
    }

    public RestResponse tryPostMessage(User sender, String conversationId, String body, String clientMessageId) {
        ObjectNode payload = Json.object("body", body);
        if (clientMessageId != null) {
            payload.put("clientMessageId", clientMessageId);
        }
        return rest.post(messagesPath(conversationId), sender.token(), payload);
    }

    /** GET .../messages?afterSeq=&limit=; expects 200. */
    public JsonNode listMessages(User user, String conversationId, long afterSeq, int limit) {
        return expect(tryListMessages(user, conversationId, afterSeq, limit), 200, "message-list.json");
    }

    public RestResponse tryListMessages(User user, String conversationId, long afterSeq, int limit) {
        return rest.get(messagesPath(conversationId) + "?afterSeq=" + afterSeq + "&limit=" + limit, user.token());
    }

    public JsonNode editMessage(User user, String conversationId, String messageId, String body) {
        return expect(patiently(() -> tryEditMessage(user, conversationId, messageId, body)), 200, "message.json");
    }

    public RestResponse tryEditMessage(User user, String conversationId, String messageId, String body) {
        return rest.patch(messagesPath(conversationId) + "/" + segment(messageId), user.token(), Json.object("body", body));
    }

    public void deleteMessage(User user, String conversationId, String messageId) {
        expect(tryDeleteMessage(user, conversationId, messageId), 204, null);
    }

    public RestResponse tryDeleteMessage(User user, String conversationId, String messageId) {
        return rest.delete(messagesPath(conversationId) + "/" + segment(messageId), user.token());
    }

    public JsonNode markRead(User user, String conversationId, String messageId) {
        return expect(tryMarkRead(user, conversationId, messageId), 200, "receipt.json");
    }

    public RestResponse tryMarkRead(User user, String conversationId, String messageId) {
        return rest.post(messagesPath(conversationId) + "/" + segment(messageId) + "/read", user.token(), null);
    }

    /** The messages of a conversation as {@code user} sees them (up to 100), by id. */
    public java.util.Map<String, JsonNode> messagesById(User user, String conversationId) {
        java.util.Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        listMessages(user, conversationId, 0, 100).path("items").forEach(m -> byId.put(m.path("id").asText(), m));
        return byId;
    }

    /** Retries a 429 after its Retry-After, only with pre-issued tokens (see {@link RateLimitBackoff}). */
    private RestResponse patiently(java.util.function.Supplier<RestResponse> call) {
        return RateLimitBackoff.retry(backOffWhenRateLimited, call, answer -> answer.status() != 429 ? -1
                : answer.header("Retry-After").map(seconds -> {
                    try {
                        return Math.max(100, (long) (Double.parseDouble(seconds) * 1000));
                    } catch (NumberFormatException e) {
                        return 1000L;
                    }
                }).orElse(1000L));
    }

    static String conversationPath(String conversationId) {
        return API + "/conversations/" + segment(conversationId);
    }

    static String messagesPath(String conversationId) {
        return conversationPath(conversationId) + "/messages";
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Fails with the request and what came back unless the status is {@code status}; validates the body. */
    public static JsonNode expect(RestResponse response, int status, String schema) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " from " + response.request() + ", got "
                    + response.describe().substring(response.request().length() + 4));
        }
        return schema == null ? response.body() : PayloadSchemas.bundled().require(schema, response.body());
    }
}
