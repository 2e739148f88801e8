package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.engine.EngineOptions;
import dev.chatharness.socketio.engine.EngineServer;
import dev.chatharness.socketio.engine.FrameSink;
import dev.chatharness.socketio.engine.LocalConnection;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Socket.IO v4 server (protocol 5 over Engine.IO 4) mounted on a Javalin 7 app.
 *
 * <pre>{@code
 * SocketIoServer io = new SocketIoServer(SocketIoOptions.builder().build(), new ObjectMapper());
 * io.defaultNamespace().onConnection(socket ->
 *     socket.on("hello", (s, args, ack) -> { if (ack != null) ack.send("hi"); }));
 * Javalin app = Javalin.create(io::install).start(0);
 * }</pre>
 */
public final class SocketIoServer implements AutoCloseable {
    private static final AtomicInteger TIMER_THREADS = new AtomicInteger();

    private final SocketIoOptions options;
    private final ObjectMapper mapper;
    private final PacketCodec codec;
    private final EngineServer engine;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;

    public SocketIoServer(SocketIoOptions options, ObjectMapper mapper) {
        this.options = options;
        this.mapper = mapper;
        this.codec = new PacketCodec(mapper);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socket-io-timer-" + TIMER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy()); // timers asked for after close() are moot
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.engine = new EngineServer(new EngineOptions(options.path(), options.pingInterval(),
                options.pingTimeout(), options.maxPayload(), options.upgradeTimeout(), options.perMessageDeflate(),
                options.requestFilter(), options.maxQueuedPackets()), session -> new Client(this, session));
        namespaces.put("/", new Namespace(this, "/"));
    }

    /** Registers the GET, POST and WebSocket handlers under {@code options.path()}. */
    public void install(JavalinConfig config) {
        engine.install(config);
    }

    /** The namespace of that name, created on first use; a missing leading slash is added. */
    public Namespace namespace(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        return namespaces.computeIfAbsent(normalized, n -> new Namespace(this, n));
    }

    public Namespace defaultNamespace() {
        return namespaces.get("/");
    }

    /** Live Engine.IO sessions. */
    public int sessionCount() {
        return engine.sessionCount();
    }

    /**
     * Waits until every Engine.IO session has closed, or {@code limit} passes; true if none is left. After
     * {@code disconnect} of every socket, official clients close their transports: this waits for them.
     */
    public boolean awaitNoSessions(Duration limit) throws InterruptedException {
        return engine.awaitNoSessions(limit);
    }

    /** The Engine.IO endpoint underneath, whose sessions carry the sockets (for diagnostics and tests). */
    public EngineServer engine() {
        return engine;
    }

    public SocketIoOptions options() {
        return options;
    }

    /**
     * Opens an Engine.IO session over an in-memory {@link FrameSink} instead of a network connection, as a
     * WebSocket client would (the request filter is not consulted). For benchmarks and tests that must drive or
     * measure this layer without sockets: send {@code "40"} through the returned connection to join "/".
     */
    public LocalConnection openLocal(HandshakeRequest request, FrameSink sink) {
        return engine.openLocal(request, sink);
    }

    /** Disconnects every socket (reason "server shutting down") and closes every session. */
    @Override
    public void close() {
        engine.close();
        scheduler.shutdownNow();
    }

    Namespace existingNamespace(String name) {
        return namespaces.get(name);
    }

    List<Namespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    PacketCodec codec() {
        return codec;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
