package dev.chatharness.load.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a received {@code message} event that a fan-out receiver reads; a field the frame lacks is null
 * ({@code seq}: -1).
 */
public record MessageFrame(String conversationId, String id, long seq, String body) {

    /** From the event's first argument, decoded as a tree (the general path). */
    static MessageFrame of(JsonNode message) {
        return new MessageFrame(text(message, "conversationId"), text(message, "id"),
                message.path("seq").canConvertToLong() ? message.path("seq").asLong() : -1, text(message, "body"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
