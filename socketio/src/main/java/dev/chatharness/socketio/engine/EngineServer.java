package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.session.SessionCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO endpoint mounted on a Javalin app: GET and POST for long-polling and a WebSocket handler, all on the
 * same path. Request validation follows the reference engine.io server, including its error codes.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(options, session -> new EngineSessionHandler() { ... });
 * Javalin app = Javalin.create(engine::install).start(0);
 * }</pre>
 */
public final class EngineServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);
    private static final String HANDSHAKE_ATTRIBUTE = EngineServer.class.getName() + ".handshake";
    private static final AtomicInteger TIMER_THREADS = new AtomicInteger();

    private final EngineOptions options;
    private final EngineListener listener;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Sessions whose writes this thread owes, inside {@link #writingAfter}; null outside it. */
    private final ThreadLocal<List<EngineSession>> deferredWrites = new ThreadLocal<>();
    /** Javalin WebSocket session id -> the engine session that connection belongs to (active or probing). */
    private final Map<String, Binding> websockets = new ConcurrentHashMap<>();

    private record Binding(EngineSession session, FrameSink sink) {
    }
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;
    /**
     * Sessions the client closed over polling while no poll was pending: a poll sent just before the close, but
     * read just after it on another Jetty thread, gets the clean "noop" it would have had a moment earlier instead
     * of a 400. Kept for one pingTimeout at most.
     */
    private final Map<String, Boolean> closedByClient = new ConcurrentHashMap<>();

    public EngineServer(EngineOptions options, EngineListener listener) {
        this.options = options;
        this.listener = listener;
        // Two threads: heartbeats and timeouts of every session run here; close handlers may do a little work.
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "engine-io-timer-" + TIMER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy()); // timers asked for after close() are moot
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    public EngineOptions options() {
        return options;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Runs {@code work}; the WebSocket writes that sends inside it start are made when it returns, on this thread.
     * Nested calls write when the outermost returns.
     */
    public <T> T writingAfter(Supplier<T> work) {
        if (deferredWrites.get() != null) {
            return work.get();
        }
        List<EngineSession> pending = new ArrayList<>();
        deferredWrites.set(pending);
        try {
            return work.get();
        } finally {
            deferredWrites.remove();
            for (EngineSession session : pending) {
                try {
                    session.pump();
                } catch (RuntimeException e) {
                    LOG.warn("session {}: deferred write failed", session.id(), e);
                }
            }
        }
    }

    /** A session with frames to write and no writer yet: this thread writes them, now or at the end of its scope. */
    void startWriting(EngineSession session) {
        List<EngineSession> pending = deferredWrites.get();
        if (pending != null) {
            pending.add(session);
        } else {
            session.pump();
        }
    }

    /** Registers the HTTP and WebSocket handlers under {@code options.path()}; call inside {@code Javalin.create}. */
    public void install(JavalinConfig config) {
        String path = options.path();
        if (!options.perMessageDeflate()) {
            // Jetty negotiates permessage-deflate whenever a client offers it; Socket.IO servers keep it off by
            // default since every frame would pay for compression. Note: this applies to the whole Javalin app.
            config.jetty.modifyWebSocketServletFactory(f -> f.getAvailableExtensionNames().remove("permessage-deflate"));
        }
        // Javalin's WebSocket upgrade asks the servlet request for its HttpSession, and Jetty's default cache keeps
        // every session until it expires (30 min), unused: one per connection, a leak the soak showed (+55% heap
        // over 22,000 connections). Neither Engine.IO nor its users need servlet sessions after the request that
        // created them, so each is evicted when its last request exits. Applies to the whole Javalin app.
        config.jetty.modifyServletContextHandler(context -> {
            DefaultSessionCache cache = new DefaultSessionCache(context.getSessionHandler());
            cache.setEvictionPolicy(SessionCache.EVICT_ON_SESSION_EXIT);
            cache.setSessionDataStore(new NullSessionDataStore()); // what Jetty would use by default: keep nothing
            context.getSessionHandler().setSessionCache(cache);
        });
        // Javalin refuses bodies above http.maxRequestSize itself; let POSTs up to maxPayload through to us.
        config.http.maxRequestSize = Math.max(config.http.maxRequestSize, options.maxPayload());
        config.routes.get(path, ctx -> guarded(ctx, this::handleGet));
        config.routes.post(path, ctx -> guarded(ctx, this::handlePost));
        for (HandlerType other : List.of(HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            config.routes.addHttpHandler(other, path, this::handleOtherMethod);
        }
        config.routes.wsBeforeUpgrade(path, this::beforeUpgrade);
        config.routes.ws(path, ws -> {
            ws.onConnect(this::onWsConnect);
            ws.onMessage(ctx -> {
                Binding b = websockets.get(ctx.sessionId());
                if (b != null) {
                    b.session().onWsText(b.sink(), ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                Binding b = websockets.get(ctx.sessionId());
                if (b != null) {
                    b.session().onWsBinary(b.sink(), toBytes(ctx.data()));
                }
            });
            ws.onClose(ctx -> {
                Binding b = websockets.remove(ctx.sessionId());
                if (b != null) {
                    b.session().onWsClosed(b.sink(), false);
                }
            });
            ws.onError(ctx -> {
                Binding b = websockets.remove(ctx.sessionId());
                if (b != null) {
                    b.session().onWsClosed(b.sink(), true);
                }
            });
        });
        config.routes.exception(EngineRequestException.class, (e, ctx) -> respondError(ctx, e.error));
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Live sessions, a snapshot. */
    public List<EngineSession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** Closes every session (reason "server shutting down") and stops the timers. */
    @Override
    public void close() {
        closed = true;
        for (EngineSession s : sessions()) {
            s.close(EngineSession.SERVER_SHUTTING_DOWN);
        }
        scheduler.shutdownNow();
    }

    void remove(EngineSession session) {
        if (sessions.remove(session.id(), session) && sessions.isEmpty()) {
            synchronized (sessions) {
                sessions.notifyAll();
            }
        }
    }

    /**
     * Waits until no session is left (their clients closed them) or {@code limit} passes; true if none is left.
     * For a graceful shutdown: after telling every client to go, give them a moment to close their side.
     */
    public boolean awaitNoSessions(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (sessions) {
            while (!sessions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                sessions.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    void rememberClosedByClient(EngineSession session) {
        closedByClient.put(session.id(), Boolean.TRUE);
        scheduler.schedule(() -> closedByClient.remove(session.id()), options.pingTimeout().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ HTTP long-polling

    /**
     * Last line of defence: a bug in this layer must cost one request a 400, never a 500 the client cannot
     * interpret; the stack trace is logged.
     */
    private static void guarded(Context ctx, java.util.function.Consumer<Context> handler) {
        try {
            handler.accept(ctx);
        } catch (EngineRequestException e) {
            respondError(ctx, e.error);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling {} {}", ctx.method(), ctx.path(), e);
            respondError(ctx, EngineError.BAD_REQUEST);
        }
    }

    private void handleGet(Context ctx) {
        try {
            String transport = validate(ctx.queryParam("EIO"), ctx.queryParam("transport"));
            String sid = ctx.queryParam("sid");
            if (sid == null) {
                if (!"polling".equals(transport)) {
                    // transport=websocket on a request that is not an upgrade
                    throw new EngineRequestException(EngineError.BAD_REQUEST);
                }
                HandshakeRequest request = handshakeRequest(ctx);
                if (!options.requestFilter().allow(request)) {
                    throw new EngineRequestException(EngineError.FORBIDDEN);
                }
                EngineSession session = open(request, fullUrl(ctx), null);
                // The first poll answers with the open packet (and anything queued meanwhile, e.g. Socket.IO's 40).
                respondPoll(ctx, session.poll());
                return;
            }
            if (!sessions.containsKey(sid) && "polling".equals(transport) && closedByClient.remove(sid) != null) {
                writePoll(ctx, "6");
                return;
            }
            EngineSession session = lookup(sid, transport);
            respondPoll(ctx, session.poll());
        } catch (EngineRequestException e) {
            respondError(ctx, e.error);
        }
    }

    private void handlePost(Context ctx) {
        try {
            String transport = validate(ctx.queryParam("EIO"), ctx.queryParam("transport"));
            String sid = ctx.queryParam("sid");
            if (sid == null) {
                throw new EngineRequestException(EngineError.BAD_HANDSHAKE_METHOD);
            }
            EngineSession session = lookup(sid, transport);
            if (ctx.req().getContentLengthLong() > options.maxPayload()) {
                // Refused before reading: a declared oversize body is not worth buffering.
                session.close(EngineSession.TRANSPORT_ERROR);
                throw new EngineRequestException(EngineError.PAYLOAD_TOO_LARGE);
            }
            byte[] body = ctx.bodyAsBytes();
            session.post(body);
            ctx.status(200).contentType("text/html").result("ok");
        } catch (EngineRequestException e) {
            respondError(ctx, e.error);
        }
    }

    private void handleOtherMethod(Context ctx) {
        respondError(ctx, ctx.queryParam("sid") == null ? EngineError.BAD_HANDSHAKE_METHOD : EngineError.BAD_REQUEST);
    }

    private static void respondPoll(Context ctx, CompletableFuture<String> payload) {
        ctx.future(() -> payload.handle((body, failure) -> {
            if (failure == null) {
                writePoll(ctx, body);
            } else {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                        : failure;
                respondError(ctx, cause instanceof EngineRequestException e ? e.error : EngineError.BAD_REQUEST);
            }
            return null;
        }));
    }

    private static void writePoll(Context ctx, String body) {
        ctx.status(200).contentType("text/plain; charset=UTF-8").result(body);
    }

    private static void respondError(Context ctx, EngineError error) {
        ctx.status(error.status).contentType("application/json").result(error.json());
    }

    private EngineSession lookup(String sid, String transport) {
        EngineSession session = sessions.get(sid);
        if (session == null) {
            throw new EngineRequestException(EngineError.UNKNOWN_SID);
        }
        if (!"polling".equals(transport)) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        return session;
    }

    /** Checks EIO and transport; returns the transport name. */
    private static String validate(String eio, String transport) {
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            throw new EngineRequestException(EngineError.UNKNOWN_TRANSPORT);
        }
        if (!"4".equals(eio)) {
            throw new EngineRequestException(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        return transport;
    }

    // ------------------------------------------------------------------ WebSocket

    /** Runs before Jetty upgrades: refuse here, with an HTTP error, anything that must not become a WebSocket. */
    private void refuseIfClosed() {
        if (closed) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
    }

    private void beforeUpgrade(Context ctx) {
        refuseIfClosed();
        String transport = validate(ctx.queryParam("EIO"), ctx.queryParam("transport"));
        if (!"websocket".equals(transport)) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            HandshakeRequest request = handshakeRequest(ctx);
            if (!options.requestFilter().allow(request)) {
                throw new EngineRequestException(EngineError.FORBIDDEN);
            }
            ctx.attribute(HANDSHAKE_ATTRIBUTE, request);
        } else {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                throw new EngineRequestException(EngineError.UNKNOWN_SID);
            }
            // A second WebSocket for an already upgraded session is let through and closed at once, as the
            // reference does (EngineSession.attachProbe refuses it).
        }
    }

    private void onWsConnect(WsContext ctx) {
        int max = options.maxPayload();
        ctx.session.setMaxTextMessageSize(max);
        ctx.session.setMaxBinaryMessageSize(max);
        ctx.session.setMaxFrameSize(max);
        // Liveness is the Engine.IO heartbeat's job; Jetty's idle timeout only backs it up.
        ctx.session.setIdleTimeout(options.pingInterval().plus(options.pingTimeout()).multipliedBy(2));
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            HandshakeRequest request = ctx.attribute(HANDSHAKE_ATTRIBUTE);
            if (request == null) {
                request = handshakeRequest(ctx);
            }
            FrameSink sink = new JettyFrameSink(ctx);
            EngineSession session = new EngineSession(RandomIds.next(), this, request, wsUrl(ctx), sink);
            websockets.put(ctx.sessionId(), new Binding(session, sink));
            start(session);
            return;
        }
        EngineSession session = sessions.get(sid);
        if (session == null) {
            ctx.closeSession(1000, "");
            return;
        }
        FrameSink sink = new JettyFrameSink(ctx);
        websockets.put(ctx.sessionId(), new Binding(session, sink));
        session.attachProbe(sink);
    }

    /**
     * Opens a session over a caller-supplied {@link FrameSink} instead of a network connection, as a WebSocket
     * handshake would (no request filter). For benchmarks and tests that must measure or drive this layer without
     * the kernel; the returned handle feeds the session what the "client" sends.
     */
    public LocalConnection openLocal(HandshakeRequest request, FrameSink sink) {
        EngineSession session = new EngineSession(RandomIds.next(), this, request, options.path(), sink);
        start(session);
        return new LocalConnection(session, sink);
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    // ------------------------------------------------------------------ sessions

    private EngineSession open(HandshakeRequest request, String url, FrameSink websocket) {
        refuseIfClosed();
        EngineSession session = new EngineSession(RandomIds.next(), this, request, url, websocket);
        start(session);
        return session;
    }

    private void start(EngineSession session) {
        sessions.put(session.id(), session);
        boolean polling = "polling".equals(session.transport());
        String open = "{\"sid\":\"" + session.id() + "\",\"upgrades\":" + (polling ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
        session.send(new EnginePacket(EnginePacket.Type.OPEN, open, null));
        try {
            session.setHandler(listener.onOpen(session));
        } catch (RuntimeException e) {
            LOG.warn("session {}: open listener failed, closing", session.id(), e);
            session.close(EngineSession.TRANSPORT_ERROR);
            return;
        }
        session.startHeartbeat();
    }

    private static HandshakeRequest handshakeRequest(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(Collections.list(ctx.req().getHeaders(name)));
        }
        return new HandshakeRequest(headers, firstValues(ctx.queryParamMap()), ctx.req().getRemoteAddr());
    }

    private static HandshakeRequest handshakeRequest(WsContext ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        ctx.session.getUpgradeRequest().getHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        String remote = ctx.session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
        return new HandshakeRequest(headers, firstValues(ctx.queryParamMap()), remote);
    }

    private static Map<String, String> firstValues(Map<String, List<String>> multi) {
        Map<String, String> first = new HashMap<>();
        multi.forEach((k, v) -> {
            if (!v.isEmpty() && v.get(0) != null) {
                first.put(k, v.get(0));
            }
        });
        return first;
    }

    private static String fullUrl(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null ? "" : "?" + query);
    }

    private static String wsUrl(WsContext ctx) {
        String query = ctx.queryString();
        return ctx.session.getUpgradeRequest().getRequestURI().getPath() + (query == null ? "" : "?" + query);
    }
}
