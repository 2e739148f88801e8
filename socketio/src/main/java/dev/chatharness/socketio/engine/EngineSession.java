package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: its transport (polling, or websocket after an upgrade or from the start), its single ordered
 * send queue, its heartbeat and its upgrade state.
 *
 * <p>All state changes happen under {@code lock}. A send appends to the queue under it, so frames leave in the order
 * {@link #send} was called, whatever thread calls it; on websocket one writer at a time ({@link #pump}) hands them
 * to Jetty, which writes asynchronously, so no caller blocks on a slow peer. Inside
 * {@link EngineServer#writingAfter} a send only queues, and the writes start when that scope ends. Inbound packets
 * are delivered to the handler under a separate {@code inbound} lock, so handler calls of one session never
 * overlap, even during an upgrade when both transports may carry packets.
 */
public final class EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);

    static final String TRANSPORT_CLOSE = "transport close";
    static final String TRANSPORT_ERROR = "transport error";
    static final String PING_TIMEOUT = "ping timeout";
    static final String PARSE_ERROR = "parse error";
    static final String FORCED_CLOSE = "forced close";
    static final String SERVER_SHUTTING_DOWN = "server shutting down";

    private enum Mode { POLLING, WEBSOCKET }

    private final String id;
    private final EngineServer server;
    private final HandshakeRequest request;
    private final String url;
    private final Object lock = new Object();
    private final ReentrantLock inbound = new ReentrantLock();
    private volatile EngineSessionHandler handler;

    // ---- guarded by lock
    private Mode mode;
    private final ArrayDeque<EnginePacket> buffer = new ArrayDeque<>();
    private CompletableFuture<String> pendingPoll;
    private boolean postInFlight;
    private FrameSink ws;
    private FrameSink probeWs;
    private boolean probed;
    /** true while {@link #pump()} owns the WebSocket writes */
    private boolean writing;
    private boolean closed;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pingTimeoutTask;
    private ScheduledFuture<?> upgradeTimeoutTask;
    // ----

    EngineSession(String id, EngineServer server, HandshakeRequest request, String url, FrameSink websocket) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.url = url;
        this.mode = websocket == null ? Mode.POLLING : Mode.WEBSOCKET;
        this.ws = websocket;
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
        synchronized (lock) {
            return mode == Mode.POLLING ? "polling" : "websocket";
        }
    }

    public boolean isOpen() {
        synchronized (lock) {
            return !closed;
        }
    }

    /** Queues one packet. Ignored once the session is closed. */
    public void send(EnginePacket packet) {
        send(List.of(packet));
    }

    /** Queues packets contiguously (a Socket.IO packet and its binary attachments must not be interleaved). */
    public void send(List<EnginePacket> packets) {
        CompletableFuture<String> poll = null;
        String payload = null;
        boolean startPump = false;
        boolean overflowed = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            overflowed = buffer.size() + packets.size() > server.options().maxQueuedPackets(); // peer stopped reading
            if (!overflowed) {
                buffer.addAll(packets);
                if (mode == Mode.WEBSOCKET) {
                    startPump = !writing;
                    writing = true;
                }
                if (pendingPoll != null) {
                    poll = pendingPoll;
                    pendingPoll = null;
                    payload = drainBuffer();
                }
            }
        }
        if (overflowed) {
            LOG.warn("session {}: {} packets already wait to be written, the bound: closing it as too slow", id,
                    server.options().maxQueuedPackets());
            close(TRANSPORT_ERROR);
            return;
        }
        if (poll != null) {
            poll.complete(payload);
        }
        if (startPump) {
            server.startWriting(this);
        }
    }

    /**
     * Writes queued packets to the WebSocket one frame at a time: the next frame is handed to Jetty only when the
     * previous one is written. Each Engine.IO packet thus leaves in its own frame and write, in queue order, as
     * with the reference server (Jetty would otherwise gather queued frames into one write, which some clients and
     * test suites that read one message per event do not expect). Runs on the sender's thread, then on Jetty's
     * write-completion threads; a trampoline keeps synchronous completions from recursing. The thread that set
     * {@code writing} owns the first call, possibly deferred ({@link EngineServer#writingAfter}); frames queued
     * meanwhile wait in the buffer, in order.
     */
    void pump() {
        while (true) {
            EnginePacket next;
            FrameSink target;
            synchronized (lock) {
                next = closed || mode != Mode.WEBSOCKET ? null : buffer.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
                target = ws;
            }
            // 0: write call in progress, 1: completed during the call, 2: call returned before completion
            java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
            write(target, next, () -> {
                if (!phase.compareAndSet(0, 1)) {
                    pump();
                }
            });
            if (phase.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    /** Closes the session from the server side; the client sees the transport close. */
    public void close() {
        close(FORCED_CLOSE);
    }

    void setHandler(EngineSessionHandler handler) {
        this.handler = handler;
    }

    // ------------------------------------------------------------------ heartbeat

    void startHeartbeat() {
        synchronized (lock) {
            if (!closed) {
                schedulePingLocked();
            }
        }
    }

    private void schedulePingLocked() {
        pingTask = server.scheduler().schedule(this::sendPing, server.options().pingInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sendPing() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            pingTimeoutTask = server.scheduler().schedule(() -> close(PING_TIMEOUT),
                    server.options().pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        send(EnginePacket.of(EnginePacket.Type.PING));
    }

    private void onPong() {
        synchronized (lock) {
            // A pong with no ping outstanding is ignored: it must not start a second ping cycle.
            if (closed || pingTimeoutTask == null) {
                return;
            }
            pingTimeoutTask.cancel(false);
            pingTimeoutTask = null;
            schedulePingLocked();
        }
    }

    // ------------------------------------------------------------------ polling

    /** A long-polling GET: completes with the payload to answer, at once if something is queued. */
    CompletableFuture<String> poll() {
        boolean overlap = false;
        synchronized (lock) {
            if (closed) {
                throw new EngineRequestException(EngineError.UNKNOWN_SID);
            }
            if (mode != Mode.POLLING) {
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            if (pendingPoll != null) {
                overlap = true;
            } else if (!buffer.isEmpty()) {
                return CompletableFuture.completedFuture(drainBuffer());
            } else {
                CompletableFuture<String> poll = new CompletableFuture<>();
                pendingPoll = poll;
                if (probed) {
                    // The client is upgrading: like the reference's 100 ms upgrade check, end this poll with a noop
                    // soon, so the client can pause polling and send "5" on the WebSocket.
                    server.scheduler().schedule(() -> releasePoll(poll), 100, TimeUnit.MILLISECONDS);
                }
                return poll;
            }
        }
        // Two concurrent GETs is a client bug (or an attack): the reference closes the session, answering "1" to
        // the first poll and 400 to the second.
        close(TRANSPORT_ERROR);
        throw new EngineRequestException(EngineError.BAD_REQUEST);
    }

    /** A polling POST carrying one payload; delivers its packets before returning. */
    void post(byte[] body) {
        boolean overlap = false;
        synchronized (lock) {
            if (closed) {
                throw new EngineRequestException(EngineError.UNKNOWN_SID);
            }
            if (mode != Mode.POLLING) {
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            if (postInFlight) {
                overlap = true;
            } else {
                postInFlight = true;
            }
        }
        if (overlap) {
            close(TRANSPORT_ERROR);
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        try {
            if (body.length > server.options().maxPayload()) {
                close(TRANSPORT_ERROR);
                throw new EngineRequestException(EngineError.PAYLOAD_TOO_LARGE);
            }
            List<EnginePacket> packets;
            try {
                packets = EngineCodec.decodePayload(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            } catch (EngineCodec.InvalidPacketException e) {
                LOG.debug("session {}: invalid polling payload: {}", id, e.getMessage());
                close(PARSE_ERROR);
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            for (EnginePacket p : packets) {
                onPacket(p);
            }
        } finally {
            synchronized (lock) {
                postInFlight = false;
            }
        }
    }

    private String drainBuffer() {
        List<EnginePacket> packets = new ArrayList<>(buffer);
        buffer.clear();
        return EngineCodec.encodePayload(packets);
    }

    // ------------------------------------------------------------------ websocket

    /** A WebSocket opened with this session's sid: the candidate of an upgrade. */
    void attachProbe(FrameSink ctx) {
        boolean refuse;
        synchronized (lock) {
            refuse = closed || mode != Mode.POLLING || probeWs != null;
            if (!refuse) {
                probeWs = ctx;
                upgradeTimeoutTask = server.scheduler().schedule(() -> abortUpgrade(ctx),
                        server.options().upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (refuse) {
            closeWebSocket(ctx);
        }
    }

    void onWsText(FrameSink ctx, String text) {
        EnginePacket packet;
        try {
            packet = EngineCodec.decodeText(text);
        } catch (EngineCodec.InvalidPacketException e) {
            if (isActive(ctx)) {
                LOG.debug("session {}: invalid websocket packet: {}", id, e.getMessage());
                close(PARSE_ERROR);
            } else {
                abortUpgrade(ctx);
            }
            return;
        }
        if (isActive(ctx)) {
            onPacket(packet);
        } else {
            onProbePacket(ctx, packet);
        }
    }

    void onWsBinary(FrameSink ctx, byte[] data) {
        if (isActive(ctx)) {
            onPacket(EnginePacket.binary(data));
        }
    }

    void onWsClosed(FrameSink ctx, boolean error) {
        if (isActive(ctx)) {
            close(error ? TRANSPORT_ERROR : TRANSPORT_CLOSE);
            return;
        }
        synchronized (lock) {
            if (isProbe(ctx)) {
                clearProbeLocked();
            }
        }
    }

    private void onProbePacket(FrameSink ctx, EnginePacket packet) {
        if (packet.type() == EnginePacket.Type.PING && "probe".equals(packet.text())) {
            CompletableFuture<String> poll;
            synchronized (lock) {
                if (!isProbe(ctx)) {
                    return;
                }
                probed = true;
                write(ctx, new EnginePacket(EnginePacket.Type.PONG, "probe", null), () -> { });
                poll = takePollIfBufferEmptyLocked();
            }
            if (poll != null) {
                poll.complete("6");
            }
            return;
        }
        if (packet.type() == EnginePacket.Type.UPGRADE) {
            CompletableFuture<String> poll;
            boolean upgraded = false;
            synchronized (lock) {
                if (!isProbe(ctx) || !probed) {
                    poll = null;
                } else {
                    upgradeTimeoutTask.cancel(false);
                    upgradeTimeoutTask = null;
                    poll = pendingPoll;
                    pendingPoll = null;
                    mode = Mode.WEBSOCKET;
                    ws = ctx;
                    probeWs = null;
                    probed = false;
                    writing = true;
                    upgraded = true;
                }
            }
            if (upgraded) {
                if (poll != null) {
                    // A poll still pending when "5" arrives (real clients wait for it to end first) is refused:
                    // polling is over for this session.
                    poll.completeExceptionally(new EngineRequestException(EngineError.BAD_REQUEST));
                }
                pump();
                return;
            }
        }
        abortUpgrade(ctx);
    }

    private void releasePoll(CompletableFuture<String> poll) {
        synchronized (lock) {
            if (pendingPoll != poll) {
                return;
            }
            pendingPoll = null;
        }
        poll.complete("6");
    }

    private CompletableFuture<String> takePollIfBufferEmptyLocked() {
        if (pendingPoll != null && buffer.isEmpty()) {
            CompletableFuture<String> poll = pendingPoll;
            pendingPoll = null;
            return poll;
        }
        return null;
    }

    private void abortUpgrade(FrameSink ctx) {
        synchronized (lock) {
            if (!isProbe(ctx)) {
                return;
            }
            clearProbeLocked();
        }
        closeWebSocket(ctx);
    }

    private void clearProbeLocked() {
        probeWs = null;
        probed = false;
        if (upgradeTimeoutTask != null) {
            upgradeTimeoutTask.cancel(false);
            upgradeTimeoutTask = null;
        }
    }

    private boolean isActive(FrameSink ctx) {
        synchronized (lock) {
            return ws != null && ws.id().equals(ctx.id());
        }
    }

    private boolean isProbe(FrameSink ctx) {
        return probeWs != null && probeWs.id().equals(ctx.id());
    }

    /** Hands one frame to the connection; {@code written} runs once it is written. */
    private void write(FrameSink target, EnginePacket p, Runnable written) {
        java.util.function.Consumer<Throwable> failed = failure -> {
            LOG.debug("session {}: websocket write failed: {}", id, failure.toString());
            server.scheduler().execute(() -> close(TRANSPORT_ERROR));
        };
        if (p.isBinary()) {
            target.sendBinary(p.binary(), written, failed);
        } else {
            target.sendText(p.wire(), written, failed);
        }
    }

    private static void closeWebSocket(FrameSink sink) {
        sink.close();
    }

    // ------------------------------------------------------------------ inbound packets and close

    private void onPacket(EnginePacket packet) {
        switch (packet.type()) {
            case MESSAGE -> deliver(packet);
            case PONG -> onPong();
            case PING -> send(new EnginePacket(EnginePacket.Type.PONG, packet.text(), null));
            case CLOSE -> close(TRANSPORT_CLOSE);
            default -> LOG.debug("session {}: ignoring {} packet", id, packet.type());
        }
    }

    private void deliver(EnginePacket packet) {
        inbound.lock();
        try {
            EngineSessionHandler h = handler;
            if (h == null || !isOpen()) {
                return;
            }
            if (packet.isBinary()) {
                h.onBinary(packet.binary());
            } else {
                h.onMessage(packet.text());
            }
        } catch (RuntimeException e) {
            // A handler bug must not kill the transport thread or leak as a 500; it costs this session only.
            LOG.warn("session {}: message handler failed, closing the session", id, e);
            close(TRANSPORT_ERROR);
        } finally {
            inbound.unlock();
        }
    }

    /** Closes the session once; later calls are ignored. */
    void close(String reason) {
        CompletableFuture<String> poll;
        FrameSink active;
        FrameSink probe;
        boolean wasPolling;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wasPolling = mode == Mode.POLLING;
            cancel(pingTask);
            cancel(pingTimeoutTask);
            cancel(upgradeTimeoutTask);
            poll = pendingPoll;
            pendingPoll = null;
            active = ws;
            probe = probeWs;
            buffer.clear();
        }
        server.remove(this);
        if (poll == null && wasPolling && TRANSPORT_CLOSE.equals(reason)) {
            server.rememberClosedByClient(this);
        }
        if (poll != null) {
            // The reference answers a pending poll with "noop" when the client asked to close, "close" otherwise.
            poll.complete(TRANSPORT_CLOSE.equals(reason) ? "6" : "1");
        }
        if (active != null) {
            closeWebSocket(active);
        }
        if (probe != null) {
            closeWebSocket(probe);
        }
        inbound.lock();
        try {
            EngineSessionHandler h = handler;
            if (h != null) {
                h.onClose(reason);
            }
        } catch (RuntimeException e) {
            LOG.warn("session {}: close handler failed", id, e);
        } finally {
            inbound.unlock();
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
