package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO endpoint mounted on a Javalin app: long-polling ({@link PollingTransport}) and WebSocket
 * ({@link WebSocketTransport}) on the same path, its sessions ({@link SessionRegistry}) and their timers.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(options, session -> new EngineSessionHandler() { ... });
 * Javalin app = Javalin.create(engine::install).start(0);
 * }</pre>
 */
public final class EngineServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);
    private static final AtomicInteger TIMER_THREADS = new AtomicInteger();

    private final EngineOptions options;
    private final EngineListener listener;
    private final ScheduledThreadPoolExecutor scheduler;
    private final SessionRegistry registry;
    private volatile boolean closed;

    public EngineServer(EngineOptions options, EngineListener listener) {
        this.options = options;
        this.listener = listener;
        // Two threads: heartbeats and timeouts of every session run here; close handlers may do a little work.
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "engine-io-timer-" + TIMER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy()); // timers asked for after close() are moot
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.registry = new SessionRegistry(scheduler, options.pingTimeout());
    }

    public EngineOptions options() {
        return options;
    }

    /** Registers polling and the WebSocket upgrade under {@code options.path()}; call inside {@code Javalin.create}. */
    public void install(JavalinConfig config) {
        new PollingTransport(this).install(config, options.path());
        new WebSocketTransport(this, options.path()).install(config);
    }

    /**
     * Opens a session over a caller-supplied {@link FrameSink} instead of a network connection, as a WebSocket
     * handshake would (no request filter). For benchmarks and tests that must measure or drive this layer without
     * the kernel; the returned handle feeds the session what the "client" sends.
     */
    public LocalConnection openLocal(HandshakeRequest request, FrameSink sink) {
        return new LocalConnection(open(request, options.path(), sink), sink);
    }

    public int sessionCount() {
        return registry.size();
    }

    /** The live session of that sid, if any. */
    public Optional<EngineSession> session(String sid) {
        return Optional.ofNullable(registry.get(sid));
    }

    /** Live sessions, a snapshot. */
    public List<EngineSession> sessions() {
        return registry.snapshot();
    }

    /**
     * Waits until no session is left (their clients closed them) or {@code limit} passes; true if none is left.
     * For a graceful shutdown: after telling every client to go, give them a moment to close their side.
     */
    public boolean awaitNoSessions(Duration limit) throws InterruptedException {
        return registry.awaitEmpty(limit);
    }

    /** Closes every session (reason "server shutting down") and stops the timers. */
    @Override
    public void close() {
        closed = true;
        for (EngineSession s : registry.snapshot()) {
            s.close(EngineSession.SERVER_SHUTTING_DOWN);
        }
        scheduler.shutdownNow();
    }

    // ------------------------------------------------------------------ for the transports and sessions

    boolean isClosed() {
        return closed;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    SessionRegistry registry() {
        return registry;
    }

    /**
     * A new session (on polling when {@code websocket} is null): registered, its open packet queued, its handler
     * asked of the listener, its heartbeat started.
     */
    EngineSession open(HandshakeRequest request, String url, FrameSink websocket) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        EngineSession session = new EngineSession(RandomIds.next(), this, request, url, websocket);
        registry.add(session);
        String upgrades = websocket == null ? "[\"websocket\"]" : "[]";
        String open = "{\"sid\":\"" + session.id() + "\",\"upgrades\":" + upgrades
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
        session.send(new EnginePacket(EnginePacket.Type.OPEN, open, null));
        try {
            session.inbound.setHandler(listener.onOpen(session));
        } catch (RuntimeException e) {
            LOG.warn("session {}: open listener failed, closing", session.id(), e);
            session.close(EngineSession.TRANSPORT_ERROR);
            return session;
        }
        session.heartbeat.start();
        return session;
    }
}
