package dev.chatharness.server.presence;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.conversation.Conversation;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.ratelimit.Action;
import dev.chatharness.server.ratelimit.RateLimiter;

/** Typing indicators: participants only, rate limited, never stored. */
public final class TypingService {
    private final ConversationService conversations;
    private final RateLimiter limiter;
    private final ChatEvents events;

    public TypingService(ConversationService conversations, RateLimiter limiter, ChatEvents events) {
        this.conversations = conversations;
        this.limiter = limiter;
        this.events = events;
    }

    public void typing(Principal user, String conversationId, boolean isTyping, Origin origin) {
        Conversation c = conversations.visible(user, conversationId);
        limiter.acquire(Action.TYPING, user, origin.connectionId());
        events.toRoom(c.tenantId(), c.id(), EventNames.TYPING, new Typing(c.id(), user.userId(), isTyping), origin);
    }
}
