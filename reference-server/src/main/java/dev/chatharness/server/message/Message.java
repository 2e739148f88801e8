package dev.chatharness.server.message;

import java.time.Instant;

/** The contract's Message object. {@code clientMessageId} and {@code editedAt} are null when absent. */
public record Message(String id, String conversationId, long seq, String senderId, String body,
                      String clientMessageId, Instant createdAt, Instant editedAt) {

    Message edited(String newBody, Instant at) {
        return new Message(id, conversationId, seq, senderId, newBody, clientMessageId, createdAt, at);
    }
}
