package dev.chatharness.load.ceiling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The ceiling server's conversations: an id, a seq counter and the messages in memory. Thread-safe. */
final class CeilingRooms {

    /** The contract's Message object, as the reference server writes it. */
    record Message(String id, String conversationId, long seq, String senderId, String body, String clientMessageId,
                   String createdAt, String editedAt) {
    }

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    Room create() {
        Room room = new Room(UUID.randomUUID().toString());
        rooms.put(room.id(), room);
        return room;
    }

    /** The room of that id, or null (also for a null id). */
    Room find(String id) {
        return id == null ? null : rooms.get(id);
    }

    static final class Room {
        private final String id;
        private final String name;
        private final List<Message> messages = new ArrayList<>();

        Room(String id) {
            this.id = id;
            this.name = "conv:" + id;
        }

        String id() {
            return id;
        }

        /** The Socket.IO room of its joined sockets. */
        String name() {
            return name;
        }

        /** Runs {@code enter} and answers the last seq under the lock, so the joiner misses nothing after it. */
        synchronized long join(Runnable enter) {
            enter.run();
            return messages.size();
        }

        /** Stores a message with the next seq and hands it to {@code deliver} before the next can be stored. */
        synchronized Message append(String senderId, String body, Consumer<Message> deliver) {
            Message m = new Message(UUID.randomUUID().toString(), id, messages.size() + 1L, senderId, body, null,
                    Instant.now().toString(), null);
            messages.add(m);
            deliver.accept(m);
            return m;
        }

        synchronized List<Message> after(long afterSeq, int limit) {
            int from = (int) Math.max(0, Math.min(afterSeq, messages.size()));
            return List.copyOf(messages.subList(from, Math.min(messages.size(), from + limit)));
        }
    }
}
