package dev.chatharness.server.conversation;

import java.time.Instant;

/** Payload of {@code participant-added} and {@code participant-removed}. */
public record ParticipantChange(String conversationId, String userId, String by, Instant at) {
}
