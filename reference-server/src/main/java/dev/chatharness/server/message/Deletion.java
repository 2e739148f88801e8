package dev.chatharness.server.message;

import java.time.Instant;

/** The contract's Deletion object. */
public record Deletion(String conversationId, String messageId, String by, Instant at) {
}
