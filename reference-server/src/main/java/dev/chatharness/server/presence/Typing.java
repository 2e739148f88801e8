package dev.chatharness.server.presence;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload of the {@code typing} broadcast. */
public record Typing(String conversationId, String userId, @JsonProperty("isTyping") boolean isTyping) {
}
