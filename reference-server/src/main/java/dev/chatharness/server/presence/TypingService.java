package dev.chatharness.server.presence;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.conversation.Conversation;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.ratelimit.Permit;

/** Typing indicators: participants only, rate limited (the caller takes a {@code typing} permit), never stored. */
public final class TypingService {
    private final ConversationService conversations;
    private final ChatEvents events;

    public TypingService(ConversationService conversations, ChatEvents events) {
        this.conversations = conversations;
        this.events = events;
    }

    public void typing(Permit permit, Principal user, String conversationId, boolean isTyping, Origin origin) {
        Conversation c = conversations.visible(user, conversationId);
        permit.use();
        events.toRoom(c.tenantId(), c.id(), EventNames.TYPING, new Typing(c.id(), user.userId(), isTyping), origin);
    }
}
