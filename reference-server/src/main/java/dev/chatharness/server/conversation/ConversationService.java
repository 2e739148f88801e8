package dev.chatharness.server.conversation;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.common.StripedLocks;
import dev.chatharness.server.common.Times;
import dev.chatharness.server.error.ForbiddenException;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.error.NotFoundException;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventBatch;
import dev.chatharness.server.event.EventBatches;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.event.Origin;
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
import java.util.function.Function;

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
    private final EventBatches batches;
    private final StripedLocks locks;
    private final Clock clock;
    private final Faults faults;
    private final ConcurrentHashMap<String, Conversation> cache = new ConcurrentHashMap<>();
    /** Only for the {@link Fault#IDS_COUNTED_PER_TENANT} defect. */
    private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> perTenantIds = new ConcurrentHashMap<>();

    public ConversationService(Database db, ChatEvents events, EventBatches batches, StripedLocks locks, Clock clock,
                               Faults faults) {
        this.repository = new ConversationRepository(db);
        this.events = events;
        this.batches = batches;
        this.locks = locks;
        this.clock = clock;
        this.faults = faults;
    }

    public Conversation create(Principal creator, String title, List<String> participantIds) {
        Set<String> ids = new LinkedHashSet<>();
        if (!faults.on(Fault.CREATOR_NOT_ADDED)) {
            ids.add(creator.userId());
        }
        ids.addAll(participantIds);
        if (ids.size() > MAX_PARTICIPANTS) {
            throw new InvalidPayloadException("a conversation holds at most " + MAX_PARTICIPANTS + " participants");
        }
        Instant now = Times.now(clock);
        String id = faults.on(Fault.IDS_COUNTED_PER_TENANT) // the defect: "readable" ids from a counter per tenant
                ? "c" + perTenantIds.computeIfAbsent(creator.tenantId(), t -> new java.util.concurrent.atomic.AtomicLong())
                        .incrementAndGet()
                : UUID.randomUUID().toString();
        Conversation c = new Conversation(id, title, new ArrayList<>(ids), creator.userId(), now, now, creator.tenantId());
        repository.insert(c);
        cache.put(c.id(), c);
        if (faults.on(Fault.CONVERSATION_CREATED_TO_TENANT)) {
            events.toTenant(c.tenantId(), EventNames.CONVERSATION_CREATED, c); // the defect: everyone is told
        } else {
            events.toUsers(c.participants(), EventNames.CONVERSATION_CREATED, c);
        }
        return c;
    }

    /** The conversations the user takes part in. */
    public List<Conversation> listMine(Principal user) {
        List<Conversation> mine = new ArrayList<>();
        if (faults.on(Fault.LIST_WHOLE_TENANT)) {
            repository.idsOfTenant(user.tenantId()).forEach(id -> find(id).ifPresent(mine::add)); // the defect
            return mine;
        }
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
            return inTenant(user, id); // the defect: no membership check
        }
        return visible(user, id);
    }

    /** For sending a message: {@link #visible}, unless a defect is switched on. */
    public Conversation writable(Principal user, String id) {
        return faults.on(Fault.SEND_WITHOUT_MEMBERSHIP) ? inTenant(user, id) : visible(user, id); // the defect
    }

    /** The conversation if it exists in the user's tenant, participant or not: what the membership defects check. */
    private Conversation inTenant(Principal user, String id) {
        return find(id).filter(c -> c.tenantId().equals(user.tenantId())).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    public Conversation rename(Principal user, String id, String title) {
        return underLock(id, batch -> {
            Conversation before = faults.on(Fault.RENAME_WITHOUT_MEMBERSHIP) ? inTenant(user, id) : visible(user, id);
            Conversation c = before.withTitle(title, Times.now(clock));
            repository.updateTitle(id, title, c.updatedAt());
            cache.put(id, c);
            if (faults.on(Fault.CONVERSATION_UPDATED_TO_ROOM_ONLY)) {
                batch.toRoom(c.tenantId(), id, EventNames.CONVERSATION_UPDATED, c, Origin.REST); // the defect
            } else {
                batch.toUsers(c.participants(), EventNames.CONVERSATION_UPDATED, c);
            }
            return c;
        });
    }

    /** Adds {@code userId} (of the caller's tenant); adding a participant again changes nothing. */
    public Conversation addParticipant(Principal user, String id, String userId) {
        return underLock(id, batch -> {
            Conversation c = visible(user, id);
            if (c.hasParticipant(userId)) {
                if (faults.on(Fault.ADD_PARTICIPANT_DUPLICATES)) {
                    // the defect: the list is appended to before anyone checks it
                    List<String> twice = new ArrayList<>(c.participantIds());
                    twice.add(userId);
                    Conversation doubled = c.withParticipants(twice, Times.now(clock));
                    cache.put(id, doubled);
                    return doubled;
                }
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
            batch.toUsers(changed.participants(), EventNames.PARTICIPANT_ADDED,
                    new ParticipantChange(id, userId, user.userId(), now));
            return changed;
        });
    }

    /**
     * Removes {@code userId}: all of their sockets leave the room before anyone hears of it, so nothing of the
     * conversation reaches them afterwards; then every participant, the removed one included, is told.
     */
    public void removeParticipant(Principal user, String id, String userId) {
        underLock(id, batch -> {
            Conversation c = visible(user, id);
            if (!c.hasParticipant(userId)) {
                throw new NotFoundException("participant not found");
            }
            Instant now = Times.now(clock);
            List<String> ids = new ArrayList<>(c.participantIds());
            ids.remove(userId);
            repository.removeParticipant(c, userId, now);
            Conversation after = c.withParticipants(ids, now);
            cache.put(id, after);
            Principal removed = new Principal(c.tenantId(), userId);
            if (!faults.on(Fault.REMOVED_PARTICIPANT_STILL_RECEIVES)) {
                batch.leaveRoom(removed, c.tenantId(), id);
            }
            // the defect REMOVED_USER_NOT_TOLD tells the remaining participants only
            batch.toUsers(faults.on(Fault.REMOVED_USER_NOT_TOLD) ? after.participants() : c.participants(),
                    EventNames.PARTICIPANT_REMOVED,
                    new ParticipantChange(id, userId, user.userId(), now));
            return null;
        });
    }

    /** Same-tenant users who share a conversation with {@code user}. */
    public List<Principal> contacts(Principal user) {
        return repository.contacts(user, faults.on(Fault.CROSS_TENANT_PRESENCE));
    }

    /**
     * Runs {@code work} under the conversation's lock: what the message service uses to order messages. What it
     * announces through the batch it is given takes its order under the lock and goes out once the lock is
     * released: the network writes were two thirds of the time the lock was held.
     */
    public <T> T underLock(String conversationId, Function<ChatEvents, T> work) {
        try (EventBatch batch = batches.open()) {
            return locks.withLock(conversationId, () -> work.apply(batch));
        }
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

}
