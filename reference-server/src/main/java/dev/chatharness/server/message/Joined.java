package dev.chatharness.server.message;

/** Ack data of {@code join-conversation}: the seq of the newest message when the socket entered the room. */
public record Joined(String conversationId, long lastSeq) {
}
