package dev.chatharness.server.message;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.common.Times;
import dev.chatharness.server.conversation.Conversation;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.error.ForbiddenException;
import dev.chatharness.server.error.NotFoundException;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.ratelimit.Permit;
import dev.chatharness.server.storage.Database;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Messages: send, edit, delete, read, list, and the seq a joining socket starts from.
 *
 * <p>Rate limits are not decided here: the caller takes a {@link Permit} first, before any lock, query or payload
 * parsing ({@code ratelimit.RateLimiter#take}), and the methods that store something use it once committed.
 *
 * <p>Ordering: everything that changes a conversation's messages runs under that conversation's lock, and the
 * broadcast is queued on every member's socket inside it, after the row is committed, through the batch
 * {@code ConversationService#underLock} hands over (the network writes follow once the lock is released). So seq
 * grows by one per stored message, every room member sees messages in seq order, and an ack (sent by the caller
 * after this returns) always means stored.
 * Different conversations never wait for each other (striped locks, no global lock).
 */
public final class MessageService {
    public static final String MESSAGE_NOT_FOUND = "message not found";
    private static final long DEFERRED_DELIVERY_MS = 1000;
    /** How late the {@link Fault#ACK_BEFORE_STORE} defect writes a message after acking it. */
    private static final long WRITE_BEHIND_MS = 500;

    private final MessageRepository repository;
    private final ConversationService conversations;
    private final ChatEvents events;
    private final Clock clock;
    private final Faults faults;
    private final ScheduledExecutorService scheduler;
    /** Last seq given per conversation; read from the database the first time, then kept under the lock. */
    private final ConcurrentHashMap<String, Long> lastSeqs = new ConcurrentHashMap<>();

    public MessageService(Database db, ConversationService conversations, ChatEvents events, Clock clock,
                          Faults faults, ScheduledExecutorService scheduler) {
        this.repository = new MessageRepository(db);
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
        this.faults = faults;
        this.scheduler = scheduler;
    }

    /**
     * Sends a message, paid for by {@code permit} (taken from the sender's {@code message} bucket before the event
     * was even read). A {@code clientMessageId} already used by this sender in this conversation returns the
     * original, stores nothing and broadcasts nothing; the permit is then not used, so the token goes back.
     */
    public Sent send(Permit permit, Principal sender, String conversationId, String body, String clientMessageId,
                     Origin origin) {
        return conversations.underLock(conversationId, batch -> {
            Conversation c = conversations.writable(sender, conversationId);
            if (clientMessageId != null && !faults.on(Fault.DUPLICATE_CLIENT_MESSAGE_ID)) {
                Optional<Message> original = repository.findByClientId(conversationId, sender.userId(), clientMessageId);
                if (original.isPresent()) {
                    return new Sent(original.get(), false);
                }
            }
            long seq = lastSeq(conversationId) + 1;
            Message message = new Message(MessageIds.next(), conversationId, seq, sender.userId(), body,
                    clientMessageId, Times.now(clock), null);
            if (faults.on(Fault.SEQ_TAKEN_BEFORE_THE_LIMIT)) {
                lastSeqs.put(conversationId, seq); // the defect: the seq is spent before the limiter says no
            }
            if (!permit.granted()) { // only under the defects: the limiter's refusal is looked at in here
                if (faults.on(Fault.BROADCAST_RATE_LIMITED_MESSAGE)) {
                    fanOut(batch, c, EventNames.MESSAGE, message, origin, seq); // the defect: fan-out, then refuse
                }
                throw new RateLimitedException(permit.verdict());
            }
            if (faults.on(Fault.ACK_BEFORE_STORE)) {
                // the defect: "write-behind", the ack no longer means stored
                scheduler.schedule(() -> repository.insert(message), WRITE_BEHIND_MS, TimeUnit.MILLISECONDS);
            } else {
                repository.insert(message);
            }
            permit.use();
            lastSeqs.put(conversationId, seq);
            if (!(origin == Origin.REST && faults.on(Fault.REST_MESSAGE_NOT_BROADCAST))) {
                fanOut(batch, c, EventNames.MESSAGE, message, origin, seq);
            }
            return new Sent(message, true);
        });
    }

    /** Changes the body of one's own message, paid for by a {@code message} permit (the bucket is shared). */
    public Message edit(Permit permit, Principal user, String conversationId, String messageId, String body,
                        Origin origin) {
        return conversations.underLock(conversationId, batch -> {
            Conversation c = conversations.visible(user, conversationId);
            Message message = ownMessage(user, conversationId, messageId, "edit");
            Message edited = message.edited(body, Times.now(clock));
            if (!permit.granted()) { // only under the message-limit defects, which let a refusal reach the service
                throw new RateLimitedException(permit.verdict());
            }
            if (!faults.on(Fault.EDIT_NOT_STORED)) {
                repository.updateBody(messageId, body, edited.editedAt());
            }
            permit.use();
            boolean oldBody = origin == Origin.REST && faults.on(Fault.REST_EDIT_BROADCASTS_OLD_BODY);
            broadcast(batch, c, EventNames.MESSAGE_EDITED, oldBody ? message : edited, origin);
            return edited;
        });
    }

    public Deletion delete(Principal user, String conversationId, String messageId, Origin origin) {
        return conversations.underLock(conversationId, batch -> {
            Conversation c = conversations.visible(user, conversationId);
            ownMessage(user, conversationId, messageId, "delete");
            Deletion deletion = new Deletion(conversationId, messageId, user.userId(), Times.now(clock));
            repository.markDeleted(messageId, deletion.at());
            if (origin == Origin.REST && faults.on(Fault.REST_DELETE_NOT_BROADCAST)) {
                return deletion;
            }
            // the defect DELETION_ECHOED sends the deletion to the whole room, the deleting socket included
            broadcast(batch, c, EventNames.MESSAGE_DELETED, deletion,
                    faults.on(Fault.DELETION_ECHOED) ? Origin.REST : origin);
            return deletion;
        });
    }

    /** Marks a message read; reading it again returns the first receipt and broadcasts nothing. */
    public Receipt read(Principal user, String conversationId, String messageId, Origin origin) {
        return conversations.underLock(conversationId, batch -> {
            Conversation c = conversations.visible(user, conversationId);
            Message message = message(conversationId, messageId);
            Optional<Receipt> existing = repository.findReceipt(conversationId, messageId, user.userId());
            if (existing.isPresent()) {
                return existing.get();
            }
            // the defect RECEIPT_NAMES_THE_AUTHOR confuses the message's sender with its reader
            String reader = faults.on(Fault.RECEIPT_NAMES_THE_AUTHOR) ? message.senderId() : user.userId();
            Receipt receipt = new Receipt(conversationId, messageId, reader, Times.now(clock));
            repository.insertReceipt(receipt);
            if (!(origin == Origin.REST && faults.on(Fault.REST_READ_NOT_BROADCAST))) {
                broadcast(batch, c, EventNames.MESSAGE_READ, receipt, origin);
            }
            return receipt;
        });
    }

    /** Messages after {@code afterSeq}, by seq, at most {@code limit}; deleted ones are left out. */
    public List<Message> list(Principal user, String conversationId, long afterSeq, int limit) {
        Conversation c = conversations.readable(user, conversationId);
        return repository.list(c.id(), afterSeq, limit);
    }

    /**
     * Joins: checks the user may, runs {@code enterRoom} and reads the last seq under the conversation's lock, so
     * the socket receives exactly the messages after {@code lastSeq}.
     */
    public Joined join(Principal user, String conversationId, Runnable enterRoom) {
        return conversations.underLock(conversationId, batch -> {
            Conversation c = conversations.joinable(user, conversationId);
            enterRoom.run();
            // the defect LAST_SEQ_OFF_BY_ONE answers the seq the next message will get
            return new Joined(c.id(), lastSeq(conversationId) + (faults.on(Fault.LAST_SEQ_OFF_BY_ONE) ? 1 : 0));
        });
    }

    private Message ownMessage(Principal user, String conversationId, String messageId, String verb) {
        Message message = message(conversationId, messageId);
        if (!message.senderId().equals(user.userId()) && !faults.on(Fault.EDIT_BY_NON_AUTHOR)) {
            throw new ForbiddenException("only the author may " + verb + " this message");
        }
        return message;
    }

    /** A message of the conversation, or {@code not_found}; the lookup is where the message-id defects live. */
    private Message message(String conversationId, String messageId) {
        Optional<Message> found = faults.on(Fault.MESSAGE_FOUND_BY_ID_ALONE)
                ? repository.findAnywhere(messageId) // the defect: the conversation beside the id is not the message's
                : repository.find(conversationId, messageId);
        if (faults.on(Fault.UNKNOWN_MESSAGE_IS_INTERNAL)) {
            return found.get(); // the defect: a missing message escapes as NoSuchElementException
        }
        return found.orElseThrow(() -> new NotFoundException(MESSAGE_NOT_FOUND));
    }

    private long lastSeq(String conversationId) {
        Long known = lastSeqs.get(conversationId);
        if (known != null) {
            return known;
        }
        long stored = repository.lastSeq(conversationId);
        lastSeqs.putIfAbsent(conversationId, stored);
        return lastSeqs.get(conversationId);
    }

    private void fanOut(ChatEvents batch, Conversation c, String event, Message message, Origin origin, long seq) {
        if (faults.on(Fault.OUT_OF_ORDER_DELIVERY) && seq % 2 == 0) {
            // the defect: a "deferred" delivery path that lets the next message overtake this one
            scheduler.schedule(() -> broadcast(events, c, event, message, origin), DEFERRED_DELIVERY_MS,
                    TimeUnit.MILLISECONDS);
            return;
        }
        broadcast(batch, c, event, message, origin);
    }

    /** A room event of {@code c}; the defect ROOM_EVENTS_TO_EVERY_PARTICIPANT sends it to every participant's socket. */
    private void broadcast(ChatEvents to, Conversation c, String event, Object payload, Origin origin) {
        if (faults.on(Fault.ROOM_EVENTS_TO_EVERY_PARTICIPANT)) {
            to.toUsers(c.participants(), event, payload);
        } else {
            to.toRoom(c.tenantId(), c.id(), event, payload, origin);
        }
    }
}
