package dev.chatharness.server.conversation;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.common.StripedLocks;
import dev.chatharness.server.common.Times;
import dev.chatharness.server.error.ForbiddenException;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.error.NotFoundException;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.storage.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Conversations, their participants, and who may see what.
 *
 * <p>The visibility rule of the contract lives in {@link #visible}: a conversation of another tenant, or one the
 * user does not take part in, answers exactly like a conversation that does not exist ({@link #NOT_FOUND}).
 *
 * <p>Conversations are cached in memory (write-through) because every message checks membership; each change
 * runs under the conversation's lock, the same lock that orders its messages.
 */
public final class ConversationService {
    /** The one message every invisible conversation answers with: no hint whether it exists. */
    public static final String NOT_FOUND = "conversation not found";
    static final int MAX_PARTICIPANTS = 1000;

    private final ConversationRepository repository;
    private final ChatEvents events;
    private final StripedLocks locks;
    private final Clock clock;
    private final Faults faults;
    private final ConcurrentHashMap<String, Conversation> cache = new ConcurrentHashMap<>();

    public ConversationService(Database db, ChatEvents events, StripedLocks locks, Clock clock, Faults faults) {
        this.repository = new ConversationRepository(db);
        this.events = events;
        this.locks = locks;
        this.clock = clock;
        this.faults = faults;
    }

    public Conversation create(Principal creator, String title, List<String> participantIds) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(creator.userId());
        ids.addAll(participantIds);
        if (ids.size() > MAX_PARTICIPANTS) {
            throw new InvalidPayloadException("a conversation holds at most " + MAX_PARTICIPANTS + " participants");
        }
        Instant now = Times.now(clock);
        Conversation c = new Conversation(UUID.randomUUID().toString(), title, new ArrayList<>(ids), creator.userId(),
                now, now, creator.tenantId());
        repository.insert(c);
        cache.put(c.id(), c);
        events.toUsers(participants(c), EventNames.CONVERSATION_CREATED, c);
        return c;
    }

    /** The conversations the user takes part in. */
    public List<Conversation> listMine(Principal user) {
        List<Conversation> mine = new ArrayList<>();
        for (String id : repository.idsFor(user)) {
            find(id).filter(c -> c.tenantId().equals(user.tenantId()) && c.hasParticipant(user.userId()))
                    .ifPresent(mine::add);
        }
        return mine;
    }

    /** The conversation if the user may see it (same tenant, participant); otherwise {@code not_found}. */
    public Conversation visible(Principal user, String id) {
        Optional<Conversation> found = find(id);
        if (found.isPresent() && canSee(user, found.get())) {
            return found.get();
        }
        if (found.isPresent() && faults.on(Fault.FORBIDDEN_REVEALS_EXISTENCE)) {
            throw new ForbiddenException("you are not a participant of this conversation"); // the defect
        }
        throw new NotFoundException(NOT_FOUND);
    }

    /** For REST reads (GET conversation, GET messages): {@link #visible}, unless a defect is switched on. */
    public Conversation readable(Principal user, String id) {
        if (faults.on(Fault.READ_OTHER_TENANT_CONVERSATION)) {
            return find(id).orElseThrow(() -> new NotFoundException(NOT_FOUND)); // the defect: existence is enough
        }
        return visible(user, id);
    }

    /** For {@code join-conversation}: {@link #visible}, unless a defect is switched on. */
    public Conversation joinable(Principal user, String id) {
        if (faults.on(Fault.CROSS_TENANT_BROADCAST)) {
            // the defect: looked up by id alone, membership by sub alone
            return find(id).filter(c -> c.hasParticipant(user.userId()))
                    .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        }
        if (faults.on(Fault.JOIN_WITHOUT_MEMBERSHIP)) {
            return find(id).filter(c -> c.tenantId().equals(user.tenantId())) // the defect: no membership check
                    .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        }
        return visible(user, id);
    }

    public Conversation rename(Principal user, String id, String title) {
        return underLock(id, () -> {
            Conversation c = visible(user, id).withTitle(title, Times.now(clock));
            repository.updateTitle(id, title, c.updatedAt());
            cache.put(id, c);
            events.toUsers(participants(c), EventNames.CONVERSATION_UPDATED, c);
            return c;
        });
    }

    /** Adds {@code userId} (of the caller's tenant); adding a participant again changes nothing. */
    public Conversation addParticipant(Principal user, String id, String userId) {
        return underLock(id, () -> {
            Conversation c = visible(user, id);
            if (c.hasParticipant(userId)) {
                return c;
            }
            if (c.participantIds().size() >= MAX_PARTICIPANTS) {
                throw new InvalidPayloadException("a conversation holds at most " + MAX_PARTICIPANTS + " participants");
            }
            Instant now = Times.now(clock);
            List<String> ids = new ArrayList<>(c.participantIds());
            ids.add(userId);
            Conversation changed = c.withParticipants(ids, now);
            repository.addParticipant(c, userId, now);
            cache.put(id, changed);
            events.toUsers(participants(changed), EventNames.PARTICIPANT_ADDED,
                    new ParticipantChange(id, userId, user.userId(), now));
            return changed;
        });
    }

    /**
     * Removes {@code userId}: all of their sockets leave the room before anyone hears of it, so nothing of the
     * conversation reaches them afterwards; then every participant, the removed one included, is told.
     */
    public void removeParticipant(Principal user, String id, String userId) {
        underLock(id, () -> {
            Conversation c = visible(user, id);
            if (!c.hasParticipant(userId)) {
                throw new NotFoundException("participant not found");
            }
            Instant now = Times.now(clock);
            List<String> ids = new ArrayList<>(c.participantIds());
            ids.remove(userId);
            repository.removeParticipant(c, userId, now);
            cache.put(id, c.withParticipants(ids, now));
            Principal removed = new Principal(c.tenantId(), userId);
            if (!faults.on(Fault.REMOVED_PARTICIPANT_STILL_RECEIVES)) {
                events.leaveRoom(removed, c.tenantId(), id);
            }
            events.toUsers(participants(c), EventNames.PARTICIPANT_REMOVED,
                    new ParticipantChange(id, userId, user.userId(), now));
            return null;
        });
    }

    /** Same-tenant users who share a conversation with {@code user}. */
    public List<Principal> contacts(Principal user) {
        return repository.contacts(user, faults.on(Fault.CROSS_TENANT_PRESENCE));
    }

    /** Runs {@code work} under the conversation's lock: what the message service uses to order messages. */
    public <T> T underLock(String conversationId, Supplier<T> work) {
        // The events announced under the lock are queued on their sockets in order there, and written to the
        // network after it is released: the writes were two thirds of the time the lock was held.
        return events.writingAfter(() -> locks.withLock(conversationId, work));
    }

    private Optional<Conversation> find(String id) {
        Conversation cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Conversation> loaded = repository.find(id);
        // putIfAbsent: a concurrent change that already cached a newer version wins
        loaded.ifPresent(c -> cache.putIfAbsent(id, c));
        return loaded.map(c -> cache.getOrDefault(id, c));
    }

    private static boolean canSee(Principal user, Conversation c) {
        return c.tenantId().equals(user.tenantId()) && c.hasParticipant(user.userId());
    }

    private static List<Principal> participants(Conversation c) {
        List<Principal> users = new ArrayList<>(c.participantIds().size());
        for (String userId : c.participantIds()) {
            users.add(new Principal(c.tenantId(), userId));
        }
        return users;
    }
}
