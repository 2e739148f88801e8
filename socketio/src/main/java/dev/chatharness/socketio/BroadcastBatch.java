package dev.chatharness.socketio;

import dev.chatharness.socketio.engine.DeferredWrites;

/**
 * Broadcasts queued now and written later, for an application that broadcasts while it holds a lock of its own to
 * keep an order: each {@code emit} through {@link BroadcastOperator#inBatch} is encoded and queued on every target
 * socket at once, in call order, and the network writes start when the batch is closed, once the lock is released.
 *
 * <pre>{@code
 * try (BroadcastBatch batch = new BroadcastBatch()) {
 *     lock.lock();
 *     try {
 *         namespace.to(room).inBatch(batch).emit("message", payload); // queued, in the lock's order
 *     } finally {
 *         lock.unlock();
 *     }
 * } // written here, without the lock
 * }</pre>
 *
 * <p>Each socket still gets its frames in the order they were queued, also when another thread sends to it in the
 * meantime: that send finds the socket's write owed by the batch and only queues behind. So close it soon, on the
 * thread that filled it (a batch is not thread-safe); try-with-resources also writes what was queued before a
 * failure. After {@code close}, sends through the batch write at once.
 */
public final class BroadcastBatch implements AutoCloseable {
    final DeferredWrites writes = new DeferredWrites();

    /** Starts the network writes of everything queued through this batch, on this thread. */
    @Override
    public void close() {
        writes.writeAll();
    }
}
