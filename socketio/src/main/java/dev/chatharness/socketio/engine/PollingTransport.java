package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP long-polling on the engine's path: the handshake GET, the GET that waits for packets and the POST that
 * carries them, from validation to answer, with the reference engine.io server's error codes. Polls are held with
 * {@code ctx.future(...)}: no thread waits while a poll is pending. The per-session rules are {@link Polling}'s.
 */
final class PollingTransport {
    private static final Logger LOG = LoggerFactory.getLogger(PollingTransport.class);

    private final EngineServer server;

    PollingTransport(EngineServer server) {
        this.server = server;
    }

    void install(JavalinConfig config, String path) {
        // Javalin refuses bodies above http.maxRequestSize itself; let POSTs up to maxPayload through to us.
        config.http.maxRequestSize = Math.max(config.http.maxRequestSize, server.options().maxPayload());
        config.routes.get(path, ctx -> guarded(ctx, this::get));
        config.routes.post(path, ctx -> guarded(ctx, this::post));
        for (HandlerType other : List.of(HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            config.routes.addHttpHandler(other, path, ctx -> respondError(ctx,
                    ctx.queryParam("sid") == null ? EngineError.BAD_HANDSHAKE_METHOD : EngineError.BAD_REQUEST));
        }
    }

    private void get(Context ctx) {
        Map<String, String> query = EngineRequests.query(ctx.req());
        String transport = EngineRequests.transport(query);
        String sid = query.get("sid");
        if (sid == null) {
            if (!"polling".equals(transport)) {
                throw new EngineRequestException(EngineError.BAD_REQUEST); // transport=websocket but no upgrade
            }
            if (server.isClosed()) {
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            HandshakeRequest request = EngineRequests.handshake(ctx.req(), query);
            if (!server.options().requestFilter().allow(request)) {
                throw new EngineRequestException(EngineError.FORBIDDEN);
            }
            EngineSession session = server.open(request, EngineRequests.url(ctx.req()), null);
            // The first poll answers with the open packet (and anything queued meanwhile, e.g. Socket.IO's 40).
            respond(ctx, session.polling.poll(System.nanoTime()));
            return;
        }
        long arrival = EngineRequests.arrival(ctx.req());
        EngineSession session = server.registry().get(sid);
        if (session == null) {
            String late = server.registry().lateAnswer(sid, arrival);
            if (late == null) {
                throw new EngineRequestException(EngineError.UNKNOWN_SID);
            }
            writePoll(ctx, late);
            return;
        }
        if (!"polling".equals(transport)) {
            throw new EngineRequestException(EngineError.BAD_REQUEST); // engine.io's TRANSPORT_MISMATCH
        }
        refuseIfTimedOut(session, arrival);
        session.polling.beginGet(arrival);
        CompletableFuture<String> answer = new CompletableFuture<>();
        session.upgrade.inClientOrder(() -> pipe(() -> session.polling.poll(arrival), answer));
        respond(ctx, answer);
    }

    private void post(Context ctx) {
        Map<String, String> query = EngineRequests.query(ctx.req());
        String transport = EngineRequests.transport(query);
        String sid = query.get("sid");
        if (sid == null) {
            throw new EngineRequestException(EngineError.BAD_HANDSHAKE_METHOD);
        }
        EngineSession session = server.registry().get(sid);
        if (session == null) {
            throw new EngineRequestException(EngineError.UNKNOWN_SID);
        }
        if (!"polling".equals(transport)) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        refuseIfTimedOut(session, EngineRequests.arrival(ctx.req()));
        session.polling.beginPost();
        byte[] body;
        try {
            if ("application/octet-stream".equalsIgnoreCase(ctx.req().getContentType())) {
                // Engine.IO 4 carries binary as base64 text; engine.io closes the session ("invalid content").
                session.close(EngineSession.TRANSPORT_ERROR);
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            if (ctx.req().getContentLengthLong() > server.options().maxPayload()) {
                // Refused before reading: a declared oversize body is not worth buffering. The session goes on.
                throw new EngineRequestException(EngineError.PAYLOAD_TOO_LARGE);
            }
            body = ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            session.polling.endPost();
            throw e;
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        session.upgrade.inClientOrder(() -> pipe(() -> {
            session.polling.receive(body);
            return CompletableFuture.completedFuture("ok");
        }, answer));
        ctx.future(() -> answer.handle((ok, failure) -> {
            if (failure == null) {
                ctx.status(200).contentType("text/html").result(ok);
            } else {
                respondError(ctx, errorOf(failure));
            }
            return null;
        }));
    }

    /** A request that arrived after the pong was due finds the session timed out, whether its timer ran or not. */
    private static void refuseIfTimedOut(EngineSession session, long arrival) {
        if (session.heartbeat.expiredBefore(arrival)) {
            session.close(EngineSession.PING_TIMEOUT);
            throw new EngineRequestException(EngineError.UNKNOWN_SID);
        }
    }

    /** Completes {@code answer} with what {@code step} yields, or with its failure. */
    private static void pipe(Supplier<CompletableFuture<String>> step, CompletableFuture<String> answer) {
        try {
            step.get().whenComplete((value, failure) -> {
                if (failure == null) {
                    answer.complete(value);
                } else {
                    answer.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    private static void respond(Context ctx, CompletableFuture<String> payload) {
        ctx.future(() -> payload.handle((body, failure) -> {
            if (failure == null) {
                writePoll(ctx, body);
            } else {
                respondError(ctx, errorOf(failure));
            }
            return null;
        }));
    }

    private static EngineError errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof EngineRequestException e) {
            return e.error;
        }
        LOG.warn("unexpected failure answering a polling request", cause);
        return EngineError.BAD_REQUEST;
    }

    private static void writePoll(Context ctx, String body) {
        ctx.status(200).contentType("text/plain; charset=UTF-8").result(body);
    }

    private static void respondError(Context ctx, EngineError error) {
        ctx.status(error.status).contentType("application/json").result(error.json());
    }

    /**
     * Last line of defence: a bug in this layer must cost one request a 400, never a 500 the client cannot
     * interpret; the stack trace is logged.
     */
    private static void guarded(Context ctx, Consumer<Context> handler) {
        try {
            handler.accept(ctx);
        } catch (EngineRequestException e) {
            respondError(ctx, e.error);
        } catch (UncheckedIOException e) {
            LOG.debug("reading {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            respondError(ctx, EngineError.BAD_REQUEST);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling {} {}", ctx.method(), ctx.path(), e);
            respondError(ctx, EngineError.BAD_REQUEST);
        }
    }
}
