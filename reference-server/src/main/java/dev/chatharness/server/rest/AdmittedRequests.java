package dev.chatharness.server.rest;

import dev.chatharness.server.error.UnavailableException;
import dev.chatharness.server.lifecycle.Admission;
import io.javalin.http.Context;

/**
 * Every {@code /api/v2} request passes the server's {@link Admission}: counted from before its handler until after
 * it, so a graceful shutdown waits for it to be answered; refused (503, nothing done) once the shutdown began.
 */
final class AdmittedRequests {
    private static final String ADMITTED = "chat.admitted";
    private final Admission admission;

    AdmittedRequests(Admission admission) {
        this.admission = admission;
    }

    void enter(Context ctx) {
        if (!admission.enter()) {
            throw UnavailableException.shuttingDown();
        }
        ctx.attribute(ADMITTED, Boolean.TRUE);
    }

    /** Runs after the handler whatever happened to it (Javalin's after-handlers always run). */
    void exit(Context ctx) {
        if (ctx.attribute(ADMITTED) != null) {
            admission.exit();
        }
    }
}
