package dev.chatharness.server.message;

import java.time.Instant;

/** The contract's Receipt object: who read which message when. */
public record Receipt(String conversationId, String messageId, String userId, Instant readAt) {
}
