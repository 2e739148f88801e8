package dev.chatharness.server.presence;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.conversation.Conversation;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.ratelimit.Permit;

/** Typing indicators: participants only, rate limited (the caller takes a {@code typing} permit), never stored. */
public final class TypingService {
    private final ConversationService conversations;
    private final ChatEvents events;
    private final Faults faults;

    public TypingService(ConversationService conversations, ChatEvents events, Faults faults) {
        this.conversations = conversations;
        this.events = events;
        this.faults = faults;
    }

    public void typing(Permit permit, Principal user, String conversationId, boolean isTyping, Origin origin) {
        Conversation c = conversations.visible(user, conversationId);
        permit.use();
        Typing typing = new Typing(c.id(), user.userId(), isTyping);
        if (faults.on(Fault.ROOM_EVENTS_TO_EVERY_PARTICIPANT)) {
            events.toUsers(c.participants(), EventNames.TYPING, typing); // the defect: participants, not the room
            return;
        }
        // the defect TYPING_ECHOED sends typing to the whole room, the typing socket included
        events.toRoom(c.tenantId(), c.id(), EventNames.TYPING, typing, faults.on(Fault.TYPING_ECHOED) ? Origin.REST : origin);
    }
}
