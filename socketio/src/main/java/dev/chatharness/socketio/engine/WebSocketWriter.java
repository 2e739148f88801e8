package dev.chatharness.socketio.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one session's queue to its WebSocket one frame at a time: the next frame is handed over only when the
 * previous one is written. Each Engine.IO packet thus leaves in its own frame and write, in queue order, as with the
 * reference server (Jetty would otherwise gather queued frames into one write, which clients and test suites that
 * read one message per event do not expect). No caller ever blocks on a slow peer.
 *
 * <p>One writer at a time: a sender that queues on an idle writer {@link #claim}s it (under the session's lock) and
 * then runs {@link #writeQueued}, at once or later ({@link DeferredWrites}); senders meanwhile only queue. Writing
 * continues on Jetty's completion threads; a trampoline keeps completions that run inside the write call from
 * recursing. The callbacks are made once per session, so a frame costs no allocation here.
 */
final class WebSocketWriter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketWriter.class);
    /** The write call is in progress. */
    private static final int CALLING = 0;
    /** The write completed inside the call: the caller's loop goes on. */
    private static final int COMPLETED_IN_CALL = 1;
    /** The call returned first: the completion goes on writing. */
    private static final int RETURNED = 2;

    /**
     * True while this thread is inside a sink's send call. Jetty reports a write that fails inside the call as a
     * connection error on the calling thread, which may be any session's writer, deep in an application's emit and
     * holding the application's locks; {@link Inbound#onWebSocketClosed} then closes later, not in there.
     */
    private static final ThreadLocal<Boolean> IN_SEND_CALL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final EngineSession session;
    /** Where the one write in flight stands: CALLING, COMPLETED_IN_CALL or RETURNED. */
    private final AtomicInteger step = new AtomicInteger();
    private final Runnable written = this::onWritten;
    private final Consumer<Throwable> failed = this::onFailed;
    /** Guarded by the session's lock: a writer is running or owed. */
    private boolean writing;
    /** The payload of a delivery receipt's ping to write next; only the writer touches it. */
    private byte[] receiptPing;

    WebSocketWriter(EngineSession session) {
        this.session = session;
    }

    /** Under the session's lock: true if the caller became the writer and must call {@link #writeQueued}. */
    boolean claim() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    /** Under the session's lock. */
    boolean isWriting() {
        return writing;
    }

    /**
     * Writes until the queue is empty or a write completes later (then its completion carries on). Once the queue
     * is empty, the ping of any delivery receipt waiting is written the same way, one frame at a time: handed to
     * Jetty beside another frame, it would be gathered into the same write.
     */
    void writeQueued() {
        while (true) {
            FrameSink target = session.websocket();
            EnginePacket next = nextFrame(target);
            if (next == null && receiptPing == null) {
                return;
            }
            step.set(CALLING);
            Boolean outer = IN_SEND_CALL.get();
            IN_SEND_CALL.set(Boolean.TRUE);
            try {
                if (next == null) {
                    byte[] ping = receiptPing;
                    receiptPing = null;
                    target.sendPing(ping, written, failed);
                } else if (next.isBinary()) {
                    target.sendBinary(next.binary(), written, failed);
                } else {
                    target.sendText(next.wire(), written, failed);
                }
            } finally {
                IN_SEND_CALL.set(outer);
            }
            if (step.compareAndSet(CALLING, RETURNED)) {
                return;
            }
        }
    }

    /**
     * The next packet, or null when there is none; then {@link #receiptPing} may be set, or else the writer stops
     * and a server close that waited for the queue to drain completes.
     */
    private EnginePacket nextFrame(FrameSink target) {
        EnginePacket next = null;
        boolean closed = false;
        synchronized (session.lock) {
            SendQueue queue = session.queueLocked();
            if (!session.isClosedLocked() && target != null) {
                next = queue.take();
                if (next == null) {
                    receiptPing = queue.pingForDueReceipts();
                }
            }
            if (next == null && receiptPing == null) {
                writing = false;
                closed = session.isClosingLocked() && session.markClosedLocked();
            }
        }
        if (closed) {
            session.afterClosed(EngineSession.FORCED_CLOSE);
        }
        return next;
    }

    /** True while this thread is inside a WebSocket send call of some session's writer. */
    static boolean inSendCall() {
        return IN_SEND_CALL.get();
    }

    private void onWritten() {
        if (!step.compareAndSet(CALLING, COMPLETED_IN_CALL)) {
            writeQueued();
        }
    }

    private void onFailed(Throwable failure) {
        LOG.debug("session {}: websocket write failed: {}", session.id(), failure.toString());
        // Not on the failing write's thread: it may hold Jetty's locks.
        session.closeLater(EngineSession.TRANSPORT_ERROR);
    }
}
