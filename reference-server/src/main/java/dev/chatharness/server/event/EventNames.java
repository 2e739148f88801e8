package dev.chatharness.server.event;

/** Socket.IO event names of the contract, in one place. */
public final class EventNames {
    public static final String JOIN_CONVERSATION = "join-conversation";
    public static final String LEAVE_CONVERSATION = "leave-conversation";
    public static final String MESSAGE = "message";
    public static final String TYPING = "typing";
    public static final String MESSAGE_READ = "message-read";
    public static final String MESSAGE_EDITED = "message-edited";
    public static final String MESSAGE_DELETED = "message-deleted";
    public static final String PRESENCE_UPDATE = "presence-update";
    public static final String CONVERSATION_CREATED = "conversation-created";
    public static final String CONVERSATION_UPDATED = "conversation-updated";
    public static final String PARTICIPANT_ADDED = "participant-added";
    public static final String PARTICIPANT_REMOVED = "participant-removed";
    public static final String USER_ONLINE = "user-online";
    public static final String USER_OFFLINE = "user-offline";
    public static final String ERROR = "error";

    private EventNames() {
    }
}
