package dev.chatharness.server.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/** The contract's Conversation object; {@code tenantId} stays on the server. */
public record Conversation(String id, String title, List<String> participantIds, String createdBy,
                           Instant createdAt, Instant updatedAt, @JsonIgnore String tenantId) {

    public Conversation {
        participantIds = List.copyOf(participantIds);
    }

    public boolean hasParticipant(String userId) {
        return participantIds.contains(userId);
    }

    Conversation withTitle(String newTitle, Instant at) {
        return new Conversation(id, newTitle, participantIds, createdBy, createdAt, at, tenantId);
    }

    Conversation withParticipants(List<String> ids, Instant at) {
        return new Conversation(id, title, ids, createdBy, createdAt, at, tenantId);
    }
}
