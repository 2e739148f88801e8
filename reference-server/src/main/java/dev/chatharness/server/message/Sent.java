package dev.chatharness.server.message;

/** Outcome of sending: the message, and whether it was created now ({@code false}: a repeated clientMessageId). */
public record Sent(Message message, boolean created) {
}
