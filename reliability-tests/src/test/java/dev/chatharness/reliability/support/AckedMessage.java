package dev.chatharness.reliability.support;

/** A message the server acknowledged as stored (socket ack {@code ok:true} or REST 201). */
public record AckedMessage(String conversationId, String id, long seq, String body, String via) {
}
