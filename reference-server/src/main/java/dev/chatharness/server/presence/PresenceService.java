package dev.chatharness.server.presence;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.common.StripedLocks;
import dev.chatharness.server.common.Times;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is connected, and telling their contacts. A user is online while at least one socket is connected:
 * {@code user-online} goes out when the first one connects, {@code user-offline} when the last one goes. Counting
 * and announcing happen under the user's lock, so a quick reconnect can never announce "offline" after "online".
 */
public final class PresenceService {
    private final ConversationService conversations;
    private final ChatEvents events;
    private final Clock clock;
    private final Faults faults;
    private final StripedLocks locks = new StripedLocks(256);
    /** Socket count per user; the map itself is guarded by its own monitor, the announcements by the user lock. */
    private final Map<Principal, Integer> sockets = new HashMap<>();

    public PresenceService(ConversationService conversations, ChatEvents events, Clock clock, Faults faults) {
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
        this.faults = faults;
    }

    public void connected(Principal user) {
        locks.withLock(key(user), () -> {
            int before = adjust(user, +1);
            if (before == 0 || faults.on(Fault.ONLINE_ON_EVERY_SOCKET)) {
                events.toUsers(conversations.contacts(user), EventNames.USER_ONLINE,
                        new UserStatus(user.userId(), Times.now(clock)));
            }
            return null;
        });
    }

    public void disconnected(Principal user) {
        locks.withLock(key(user), () -> {
            int before = adjust(user, -1);
            if (before == 1 && !faults.on(Fault.NO_USER_OFFLINE)) {
                events.toUsers(conversations.contacts(user), EventNames.USER_OFFLINE,
                        new UserStatus(user.userId(), Times.now(clock)));
            }
            return null;
        });
    }

    /** Sets the user's status and tells their contacts. */
    public Presence update(Principal user, String status, String statusText) {
        if (!Presence.STATUSES.contains(status) && !faults.on(Fault.PRESENCE_STATUS_NOT_CHECKED)) {
            throw new InvalidPayloadException("status must be one of " + Presence.STATUSES);
        }
        Presence presence = new Presence(user.userId(), status, statusText, Times.now(clock));
        if (faults.on(Fault.PRESENCE_TO_TENANT)) {
            events.toTenant(user.tenantId(), EventNames.PRESENCE_UPDATE, presence); // the defect: everyone hears it
        } else {
            events.toUsers(conversations.contacts(user), EventNames.PRESENCE_UPDATE, presence);
        }
        return presence;
    }

    /** Number of connected sockets of {@code user}. */
    public int socketCount(Principal user) {
        synchronized (sockets) {
            return sockets.getOrDefault(user, 0);
        }
    }

    private int adjust(Principal connected, int delta) {
        // the defect ONLINE_STATE_KEYED_BY_SUB counts sockets per sub, whatever the tenant
        Principal user = faults.on(Fault.ONLINE_STATE_KEYED_BY_SUB) ? new Principal("", connected.userId()) : connected;
        synchronized (sockets) {
            int before = sockets.getOrDefault(user, 0);
            int after = Math.max(0, before + delta);
            if (after == 0) {
                sockets.remove(user);
            } else {
                sockets.put(user, after);
            }
            return before;
        }
    }

    private String key(Principal user) {
        return (faults.on(Fault.ONLINE_STATE_KEYED_BY_SUB) ? "" : user.tenantId()) + '\u0000' + user.userId();
    }
}
