package dev.chatharness.server.event;

/**
 * Announcements made while a conversation's lock is held: each takes its place in the order on the spot, and they
 * go out when the batch is closed, once the lock is released, so the lock is not held across network writes.
 * Opened by {@link EventBatches}, used and closed by one thread:
 *
 * <pre>{@code
 * try (EventBatch batch = batches.open()) {
 *     locks.withLock(conversationId, () -> batch.toRoom(...));
 * }
 * }</pre>
 */
public interface EventBatch extends ChatEvents, AutoCloseable {
    /** Sends on what was announced; also after a failure, for what was announced before it. */
    @Override
    void close();
}
