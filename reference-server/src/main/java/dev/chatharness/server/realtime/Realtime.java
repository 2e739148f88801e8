package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventBatches;
import dev.chatharness.server.fairness.TenantSlots;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.lifecycle.Admission;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.presence.PresenceService;
import dev.chatharness.server.presence.TypingService;
import dev.chatharness.server.ratelimit.RateLimiter;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoOptions;
import dev.chatharness.socketio.SocketIoServer;
import io.javalin.config.JavalinConfig;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The chat on Socket.IO: the only code that touches the Socket.IO layer. Built in two steps because the services
 * need its {@link #events()} before it can take their handlers: {@code new Realtime(...)}, then
 * {@link #start(MessageService, TypingService, PresenceService, ScheduledExecutorService)}.
 */
public final class Realtime implements AutoCloseable {
    /** Bytes Jetty reads a WebSocket with, and the starting size of each incoming text message (see install). */
    static final int WEBSOCKET_INPUT_BUFFER = 512;
    /** Longest wait for clients to close their transports after the DISCONNECT. */
    private static final Duration CLIENTS_CLOSE = Duration.ofSeconds(3);

    private final ServerConfig config;
    private final SocketIoServer io;
    private final Namespace namespace;
    private final Rooms rooms;
    private final SocketBroadcaster events;
    private final TokenVerifier verifier;
    private ScheduledFuture<?> expirySweep;

    public Realtime(ServerConfig config, ObjectMapper mapper, TokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
        Faults faults = config.faults();
        SocketIoOptions.Builder options = SocketIoOptions.builder()
                .maxPayload(faults.on(Fault.MAX_PAYLOAD_OFF_BY_ONE) ? config.maxPayloadBytes() - 1 : config.maxPayloadBytes())
                .requestFilter(new OriginPolicy(config.allowedOrigins(), faults));
        if (faults.on(Fault.UPGRADE_NEVER_COMPLETES)) {
            options.upgradeTimeout(java.time.Duration.ofMillis(1)); // the defect: a timeout meant in seconds
        }
        this.io = new SocketIoServer(options.build(), mapper);
        this.namespace = io.defaultNamespace();
        this.rooms = new Rooms(config.faults());
        this.events = new SocketBroadcaster(io, rooms, config.faults());
    }

    /** Where the services send what happened. */
    public ChatEvents events() {
        return events;
    }

    /** Where the services send what happens under a conversation's lock. */
    public EventBatches batches() {
        return events;
    }

    /** Mounts {@code /socket.io/} on the Javalin app being configured. */
    public void install(JavalinConfig cfg) {
        io.install(cfg);
        // Jetty starts every incoming text message with a string builder of the input buffer's size, 4 KB by
        // default, while a Socket.IO event is usually a few hundred bytes: under a flood of 10,000 events a second
        // that builder alone was 70% of everything the server allocated (a young GC every 2-3 s). 512 bytes holds
        // a typical event; longer ones grow the builder, and the network reads of a large message take more calls.
        cfg.jetty.modifyWebSocketServletFactory(ws -> ws.setInputBufferSize(WEBSOCKET_INPUT_BUFFER));
    }

    /**
     * Wires the event handlers: every event passes {@code admission} (closed by a graceful shutdown), the
     * rate-limited ones take their token from {@code limiter} first, and then each holds one of its tenant's
     * {@code tenantSlots} while the service runs.
     *
     * @param crash what {@link Fault#DIES_ON_MANY_ARGUMENTS} calls to take the server down
     */
    public void start(MessageService messages, TypingService typing, PresenceService presence, RateLimiter limiter,
                      TenantSlots tenantSlots, Admission admission, ScheduledExecutorService scheduler,
                      Runnable crash) {
        ChatSocketHandlers handlers = new ChatSocketHandlers(messages, typing, presence, limiter, tenantSlots, rooms,
                new SocketErrors(config.faults()), config.clock(), admission, config.faults(), crash);
        namespace.use(new HandshakeAuthenticator(verifier, config.faults()));
        namespace.use(new ConnectionLimiter(config.maxSocketsPerUser(), config.maxSocketsPerAddress(), config.clock()));
        // The user's room is joined before the client is told it is connected: a REST change made right after
        // 'connect' (conversation-updated, participant-added, ...) must already reach this socket.
        namespace.use(socket -> socket.join(rooms.user(socket.require(HandshakeAuthenticator.TOKEN).principal())));
        namespace.onConnection(handlers::connected);
        if (!config.faults().on(Fault.NO_EXPIRY_DISCONNECT)) {
            long every = config.tokenExpiryCheckInterval().toMillis();
            expirySweep = scheduler.scheduleWithFixedDelay(new TokenExpiryWatcher(namespace, config.clock(), config.faults()),
                    every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Number of connected sockets (for tests and metrics). */
    public int socketCount() {
        return namespace.sockets().size();
    }

    /**
     * Graceful stop of the sockets, once the server's {@link Admission} is closed and the events in flight have
     * sent their acks: every socket gets a Socket.IO DISCONNECT, which official clients take as a server disconnect
     * and do not reconnect after; they close their transports, and what is left is closed.
     */
    @Override
    public void close() {
        if (expirySweep != null) {
            expirySweep.cancel(false);
        }
        try {
            namespace.sockets().forEach(socket -> socket.disconnect(false));
            io.awaitNoSessions(CLIENTS_CLOSE); // clients close their transports on the DISCONNECT
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            io.close();
        }
    }
}
