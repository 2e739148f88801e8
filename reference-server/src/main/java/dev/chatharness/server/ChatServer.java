package dev.chatharness.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.common.StripedLocks;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.fairness.TenantSlots;
import dev.chatharness.server.json.Json;
import dev.chatharness.server.lifecycle.AcceptQueue;
import dev.chatharness.server.lifecycle.Admission;
import dev.chatharness.server.lifecycle.HttpDrain;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.presence.PresenceService;
import dev.chatharness.server.presence.TypingService;
import dev.chatharness.server.ratelimit.RateLimiter;
import dev.chatharness.server.realtime.Realtime;
import dev.chatharness.server.rest.CrossOriginAccess;
import dev.chatharness.server.rest.RestApi;
import dev.chatharness.server.storage.Database;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Chat v2 reference server: REST ({@code /api/v2}, {@code /health}) and Socket.IO ({@code /socket.io/}) on one
 * Javalin port, H2 behind them.
 *
 * <pre>{@code
 * try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret("s").build())) {
 *     System.out.println("listening on " + server.baseUrl());
 * }
 * }</pre>
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    /** Longest wait for the events and REST requests being handled when a graceful shutdown begins. */
    static final Duration IN_FLIGHT_LIMIT = Duration.ofSeconds(10);
    /** Longest an event or request waits for one of its tenant's slots before it is answered "server busy". */
    static final Duration TENANT_SLOT_WAIT = Duration.ofSeconds(10);
    /** Longest wait, once the sockets are gone, for responses still being written. */
    static final Duration RESPONSES_LIMIT = Duration.ofSeconds(5);

    private final Javalin app;
    private final Realtime realtime;
    private final Database db;
    private final ScheduledExecutorService scheduler;
    private final Admission admission;
    private final HttpDrain drain;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatServer(Javalin app, Realtime realtime, Database db, ScheduledExecutorService scheduler,
                       Admission admission, HttpDrain drain) {
        this.app = app;
        this.realtime = realtime;
        this.db = db;
        this.scheduler = scheduler;
        this.admission = admission;
        this.drain = drain;
    }

    /** Opens the database, wires everything and starts listening; returns once connections are accepted. */
    public static ChatServer start(ServerConfig config) {
        ObjectMapper mapper = Json.newMapper(config.faults());
        Database db = Database.open(config);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-server-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            TokenVerifier verifier = new TokenVerifier(config);
            Realtime realtime = new Realtime(config, mapper, verifier);
            StripedLocks conversationLocks = new StripedLocks(1024);
            ConversationService conversations = new ConversationService(db, realtime.events(), realtime.batches(),
                    conversationLocks, config.clock(), config.faults());
            RateLimiter limiter = new RateLimiter(config.messageRate(), config.typingRate(), config.clock(),
                    config.faults());
            MessageService messages = new MessageService(db, conversations, realtime.events(), config.clock(),
                    config.faults(), scheduler);
            TypingService typing = new TypingService(conversations, realtime.events(), config.faults());
            PresenceService presence = new PresenceService(conversations, realtime.events(), config.clock(),
                    config.faults());
            Admission admission = new Admission();
            HttpDrain drain = new HttpDrain();
            TenantSlots tenantSlots = new TenantSlots(config.tenantSlots(), TENANT_SLOT_WAIT);
            AtomicReference<Javalin> started = new AtomicReference<>();
            // Only the DIES_ON_MANY_ARGUMENTS defect calls this: the server stops answering, as a crashed process does.
            Runnable crash = () -> new Thread(() -> started.get().stop(), "simulated-crash").start();
            realtime.start(messages, typing, presence, limiter, tenantSlots, admission, scheduler, crash);
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.jsonMapper(new JavalinJackson(mapper, false));
                drain.install(cfg);
                AcceptQueue.install(cfg);
                CrossOriginAccess.install(cfg, config.allowedOrigins());
                realtime.install(cfg);
                RestApi.install(cfg, mapper, verifier, admission, limiter, tenantSlots, conversations, messages,
                        config.faults());
            });
            started.set(app);
            app.start(config.host(), config.port());
            if (!config.faults().active().isEmpty()) {
                LOG.warn("started WITH DELIBERATE DEFECTS {} (conformance self-test only)", config.faults());
            }
            return new ChatServer(app, realtime, db, scheduler, admission, drain);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            db.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Number of connected Socket.IO sockets. */
    public int socketCount() {
        return realtime.socketCount();
    }

    /**
     * Graceful stop, in this order: stop accepting (new connections are refused, new events and REST requests on
     * open ones are answered "server shutting down"); let the events and requests in flight finish and be answered
     * (up to {@link #IN_FLIGHT_LIMIT}); tell every socket to disconnect and let the clients close; let responses still
     * being written go out (up to {@link #RESPONSES_LIMIT}); stop Jetty; flush and close the database. A message that
     * was stored has therefore been answered, over a socket or over REST.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            admission.close();
            drain.stopAccepting(app.jettyServer().server());
            if (!admission.awaitIdle(IN_FLIGHT_LIMIT)) {
                LOG.warn("shutting down with {} events or requests still running after {}", admission.inFlight(),
                        IN_FLIGHT_LIMIT);
            }
            realtime.close();
            if (!drain.awaitResponses(RESPONSES_LIMIT)) {
                LOG.warn("shutting down with responses still being written after {}", RESPONSES_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                app.stop();
            } finally {
                scheduler.shutdownNow();
                try {
                    scheduler.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                db.close();
            }
        }
    }
}
