package dev.chatharness.server.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.chatharness.server.auth.Principal;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The participants as users: each id in this conversation's tenant. */
    public List<Principal> participants() {
        List<Principal> users = new ArrayList<>(participantIds.size());
        for (String userId : participantIds) {
            users.add(new Principal(tenantId, userId));
        }
        return users;
    }

    Conversation withTitle(String newTitle, Instant at) {
        return new Conversation(id, newTitle, participantIds, createdBy, createdAt, at, tenantId);
    }

    Conversation withParticipants(List<String> ids, Instant at) {
        return new Conversation(id, title, ids, createdBy, createdAt, at, tenantId);
    }
}
