package dev.chatharness.server.rest;

import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.error.ChatException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.error.UnavailableException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/**
 * The one place where failures become REST answers: {@code {"error":{"code","message"}}} with the contract's
 * status, the auth and rate-limit headers, and never a stack trace. It also answers the Socket.IO path's requests
 * when Jetty fails them before the layer does (a body cut short, an upgrade without its key). Requests the
 * application never sees (unparsable ones) are answered by {@link JettyErrors} in the same shape.
 */
final class RestErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

    private RestErrors() {
    }

    static void install(RoutesConfig routes, Faults faults) {
        routes.exception(ChatException.class, (e, ctx) -> chat(e, ctx, faults));
        routes.exception(HttpResponseException.class, (e, ctx) -> framework(e, ctx, faults));
        routes.exception(Exception.class, (e, ctx) -> unexpected(e, ctx, faults));
    }

    static void chat(ChatException e, Context ctx, Faults faults) {
        if (e instanceof AuthenticationException && !faults.on(Fault.REST_401_WITHOUT_CHALLENGE)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        if (e instanceof RateLimitedException limited && !faults.on(Fault.REST_429_WITHOUT_HEADERS)) {
            RateLimitHeaders.write(ctx, limited.verdict());
        }
        if (e instanceof UnavailableException) {
            // Not a server fault and not the client's: nothing was done, try again in a moment (elsewhere).
            ctx.header("Retry-After", "1").header("Connection", "close");
            write(ctx, 503, e.code().wire(), e.getMessage(), faults);
            return;
        }
        write(ctx, e.code().httpStatus(), e.code().wire(), e.getMessage(), faults);
    }

    /** Javalin's own refusals: unknown route (404), body too large (413), ... */
    private static void framework(HttpResponseException e, Context ctx, Faults faults) {
        int status = e.getStatus();
        ErrorCode code = BrokenRequests.code(status);
        int answered = status == 405 ? 404 : status;
        write(ctx, answered, code.wire(), status >= 500 ? "internal error" : e.getMessage(), faults);
    }

    private static void unexpected(Exception e, Context ctx, Faults faults) {
        OptionalInt broken = BrokenRequests.status(e);
        if (broken.isPresent()) {
            // The client's mistake (a body that ended early, a malformed chunk, an upgrade without its key): no trace.
            LOG.debug("{} {}: broken request: {}", ctx.method(), ctx.path(), e.toString());
            int status = broken.getAsInt();
            write(ctx, status, BrokenRequests.code(status).wire(), BrokenRequests.message(e, status), faults);
            return;
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        write(ctx, 500, ErrorCode.INTERNAL.wire(), "internal error", faults);
    }

    private static void write(Context ctx, int status, String code, String message, Faults faults) {
        String text = message == null || message.isBlank() ? code : message;
        if (faults.on(Fault.REST_ERROR_BODY_FLAT)) {
            ctx.status(status).json(java.util.Map.of("code", code, "message", text)); // the defect: no envelope
            return;
        }
        ctx.status(status).json(ErrorBody.of(code, text));
    }
}
