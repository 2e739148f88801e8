package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session and its state machine: open, closing (a server close still writing what was queued), then
 * closed; on polling, or on a WebSocket from the start or after an upgrade; one ordered {@link SendQueue} whatever
 * the transport.
 *
 * <p>All state is guarded by {@code lock}, which the session's parts share: {@link Polling}, {@link Upgrade} and
 * {@link WebSocketWriter} keep what only their transport uses. A send appends to the queue under it, so packets
 * leave in the order {@link #send} was called, whatever thread calls it; futures, sockets and handlers are only
 * touched once the lock is released. What the client sends goes through {@link Inbound}.
 */
public final class EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);

    static final String TRANSPORT_CLOSE = "transport close";
    static final String TRANSPORT_ERROR = "transport error";
    static final String PING_TIMEOUT = "ping timeout";
    static final String PARSE_ERROR = "parse error";
    static final String FORCED_CLOSE = "forced close";
    static final String SERVER_SHUTTING_DOWN = "server shutting down";

    private enum Phase { OPEN, CLOSING, CLOSED }


    private final String id;
    private final EngineServer server;
    private final HandshakeRequest request;
    private final String url;
    final Object lock = new Object();
    final Inbound inbound = new Inbound(this);
    final Heartbeat heartbeat;
    final Polling polling;
    final Upgrade upgrade;
    final WebSocketWriter writer;

    // ---- guarded by lock
    private Phase phase = Phase.OPEN;
    /** The WebSocket packets go out on; null while on polling. Volatile: the writer and Inbound read it unlocked. */
    private volatile FrameSink websocket;
    private final SendQueue queue = new SendQueue();
    /** When the close began (System.nanoTime), and what a poll waiting at that moment was answered. */
    private long closedAt;
    private String closeAnswer;
    /** Whether a poll read late may still get the noop of a client's close (no poll got it at the close). */
    private boolean noopOwed;
    // ----

    EngineSession(String id, EngineServer server, HandshakeRequest request, String url, FrameSink websocket) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.url = url;
        this.websocket = websocket;
        this.heartbeat = new Heartbeat(this, server.options(), server.scheduler());
        this.polling = new Polling(this, server.options());
        this.upgrade = new Upgrade(this, server.options(), server.scheduler());
        this.writer = new WebSocketWriter(this);
    }

    public String id() {
        return id;
    }

    public HandshakeRequest request() {
        return request;
    }

    /** The URL of the handshake request, path and query. */
    public String url() {
        return url;
    }

    /** "polling" or "websocket": the transport packets are sent on now. */
    public String transport() {
        return websocket == null ? "polling" : "websocket";
    }

    /** False once a close has begun: nothing more is sent or delivered. */
    public boolean isOpen() {
        synchronized (lock) {
            return phase == Phase.OPEN;
        }
    }

    /** Queues one packet. Ignored once the session is closing. */
    public void send(EnginePacket packet) {
        send(List.of(packet), null);
    }

    /** Queues packets contiguously (a Socket.IO packet and its binary attachments must not be interleaved). */
    public void send(List<EnginePacket> packets) {
        send(packets, null);
    }

    /**
     * Queues packets now. If this session's WebSocket writer is idle, the writes start when {@code deferred} is
     * written ({@code null}: at once, on this thread); another sender meanwhile finds the writer owed and only
     * queues, so the order holds.
     */
    public void send(List<EnginePacket> packets, DeferredWrites deferred) {
        CompletableFuture<String> poll = null;
        String payload = null;
        List<Runnable> received = List.of();
        boolean startWriter = false;
        boolean overflow;
        synchronized (lock) {
            if (phase != Phase.OPEN) {
                return;
            }
            overflow = queue.size() + packets.size() > server.options().maxQueuedPackets(); // peer stopped reading
            if (!overflow) {
                queue.addAll(packets);
                startWriter = websocket != null && writer.claim();
                poll = polling.takeWaitingPoll();
                if (poll != null) {
                    payload = queue.drain();
                    received = queue.takeDueReceipts();
                }
            }
        }
        if (overflow) {
            LOG.warn("session {}: {} packets already wait to be written, the bound: closing it as too slow", id,
                    server.options().maxQueuedPackets());
            close(TRANSPORT_ERROR);
        } else if (poll != null) {
            poll.complete(payload);
            runEach(received);
        } else if (startWriter && deferred != null) {
            deferred.owe(this);
        } else if (startWriter) {
            writer.writeQueued();
        }
    }

    /**
     * Runs {@code received} once the client has certainly received everything queued so far: on polling when the
     * poll carrying it is answered, on a WebSocket when the client answers a ping sent after it (its pong follows
     * those frames). Never runs if the session closes first. For a decision that depends on what the client could
     * have known, e.g. whether a second Socket.IO CONNECT is a race or a protocol violation.
     */
    public void whenReceived(Runnable received) {
        List<Runnable> now = List.of();
        boolean startWriter = false;
        synchronized (lock) {
            if (phase != Phase.OPEN) {
                return;
            }
            queue.addReceipt(received);
            if (websocket == null) {
                now = queue.takeDueReceipts(); // due at once if the last poll took everything
            } else {
                startWriter = writer.claim(); // an idle writer must wake up to send the ping
            }
        }
        runEach(now);
        if (startWriter) {
            writer.writeQueued();
        }
    }

    /**
     * Closes the session from the server side, as engine.io's {@code socket.close()}: what is queued is still
     * written, then the transport is closed (on polling, the next poll carries the close packet).
     */
    public void close() {
        beginClose(FORCED_CLOSE, true);
    }

    // ------------------------------------------------------------------ for the transports (Locked: under lock)

    /** The WebSocket packets go out on, or null while on polling. */
    FrameSink websocket() {
        return websocket;
    }

    boolean isOpenLocked() {
        return phase == Phase.OPEN;
    }

    boolean isClosingLocked() {
        return phase == Phase.CLOSING;
    }

    boolean isClosedLocked() {
        return phase == Phase.CLOSED;
    }

    SendQueue queueLocked() {
        return queue;
    }

    /** Whether a request that began at {@code arrival} (System.nanoTime) was under way when the close began. */
    boolean beganBeforeCloseLocked(long arrival) {
        return phase != Phase.OPEN && arrival - closedAt < 0;
    }

    /**
     * The answer of a poll that arrived at {@code arrival} and is read after the close; null: "Session ID unknown".
     * See {@link SessionRegistry#lateAnswer}.
     */
    String lateAnswer(long arrival) {
        return server.registry().lateAnswer(id, arrival);
    }

    /** Moves to closed; true for the one caller that did, which must then call {@link #afterClosed}. */
    boolean markClosedLocked() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        queue.clear();
        return true;
    }

    void onPong(ByteBuffer payload) {
        List<Runnable> received;
        synchronized (lock) {
            received = queue.onPong(payload);
        }
        runEach(received);
    }

    /**
     * Under the lock, the upgrade's "5": packets go out on {@code ws} from now on, starting with everything queued.
     * Returns what is left to do once the lock is released.
     */
    Runnable switchToLocked(FrameSink ws) {
        FrameSink previous = websocket;
        websocket = ws;
        CompletableFuture<String> poll = polling.takeWaitingPoll();
        boolean startWriter = writer.claim();
        return () -> {
            if (poll != null) {
                poll.complete("1"); // engine.io closes the polling transport it leaves: a waiting poll gets "close"
            }
            if (previous != null) {
                previous.close(); // a WebSocket replaced by another: engine.io allows that "upgrade" too
            }
            if (startWriter) {
                writer.writeQueued();
            }
        };
    }

    // ------------------------------------------------------------------ close

    /**
     * Closes at once for {@code reason} (an error, the client, the heartbeat, shutdown): what is queued is dropped,
     * a waiting poll gets the close packet ("1"), or a noop ("6") when the client asked to close.
     */
    void close(String reason) {
        beginClose(reason, false);
    }

    /** {@link #close} on the engine's timer thread, for a close reported on a thread that must not run it. */
    void closeLater(String reason) {
        server.scheduler().execute(() -> close(reason));
    }

    private void beginClose(String reason, boolean graceful) {
        CompletableFuture<String> poll = null;
        boolean began = false;
        boolean closed;
        synchronized (lock) {
            if (phase == Phase.OPEN) {
                began = true;
                closedAt = System.nanoTime();
                closeAnswer = TRANSPORT_CLOSE.equals(reason) ? "6" : "1";
                poll = polling.takeWaitingPoll(); // there is one only when nothing is queued
                noopOwed = poll == null && "6".equals(closeAnswer);
                // A graceful close lets the writer finish, or waits on polling for a poll to fetch the rest.
                boolean drain = graceful && poll == null && (websocket == null || writer.isWriting());
                phase = Phase.CLOSING;
                closed = !drain && markClosedLocked();
            } else {
                // A second close: an error (or the heartbeat) ends the draining of a graceful one.
                closed = !graceful && markClosedLocked();
            }
        }
        if (poll != null) {
            poll.complete(closeAnswer);
        }
        if (began && websocket == null) {
            server.registry().rememberClosed(id, closedAt, closeAnswer, noopOwed);
        }
        if (began) {
            inbound.notifyClosed(reason);
        }
        if (closed) {
            afterClosed(reason);
        }
    }

    /** The last step of every close, once: timers stopped, sockets closed, the sid forgotten. */
    void afterClosed(String reason) {
        heartbeat.stop();
        upgrade.end();
        FrameSink ws = websocket;
        if (ws != null) {
            ws.close();
        }
        server.registry().remove(this);
        LOG.debug("session {}: closed ({})", id, reason);
    }

    /** Runs receipts or resumed requests, in order, outside every lock; one failing costs the others nothing. */
    static void runEach(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a delivery receipt or a resumed request failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + "]";
    }
}
