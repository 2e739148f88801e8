package dev.chatharness.server.event;

import dev.chatharness.server.auth.Principal;

import java.util.Collection;

/**
 * The way out of the services: they say what happened and to whom, the realtime layer knows how sockets and rooms
 * deliver it. When order matters, services announce through an {@link EventBatch} while they hold a conversation's
 * lock.
 */
public interface ChatEvents {
    /** Does nothing; for services used without a realtime layer (tests). */
    ChatEvents NONE = new ChatEvents() {
        @Override public void toRoom(String tenantId, String conversationId, String event, Object payload, Origin origin) { }
        @Override public void toUsers(Collection<Principal> users, String event, Object payload) { }
        @Override public void leaveRoom(Principal user, String tenantId, String conversationId) { }
        @Override public void toTenant(String tenantId, String event, Object payload) { }
    };

    /** A room event: every socket that joined the conversation, except the origin socket if there is one. */
    void toRoom(String tenantId, String conversationId, String event, Object payload, Origin origin);

    /** Every connected socket of each of {@code users}, whether or not it joined anything. */
    void toUsers(Collection<Principal> users, String event, Object payload);

    /**
     * Every connected socket of the tenant. No rule of the contract sends anything this wide: only the defects
     * {@code CONVERSATION_CREATED_TO_TENANT} and {@code PRESENCE_TO_TENANT} use it.
     */
    void toTenant(String tenantId, String event, Object payload);

    /** Every socket of {@code user} leaves the conversation's room, at once. */
    void leaveRoom(Principal user, String tenantId, String conversationId);
}
