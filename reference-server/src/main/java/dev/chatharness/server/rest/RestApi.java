package dev.chatharness.server.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.fairness.TenantSlots;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.lifecycle.Admission;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.ratelimit.RateLimiter;
import io.javalin.config.JavalinConfig;

import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

/** The REST routes of the contract (section 10) as one table, plus {@code GET /health}. */
public final class RestApi {
    private RestApi() {
    }

    public static void install(JavalinConfig cfg, ObjectMapper mapper, TokenVerifier verifier, Admission admission,
                               RateLimiter limiter, TenantSlots tenantSlots, ConversationService conversations,
                               MessageService messages, Faults faults) {
        Bodies bodies = new Bodies(mapper, faults);
        RestAuth auth = new RestAuth(verifier);
        AdmittedRequests admitted = new AdmittedRequests(admission);
        TenantShare share = new TenantShare(tenantSlots);
        ConversationController c = new ConversationController(conversations, bodies, faults);
        MessageController m = new MessageController(messages, limiter, bodies, faults);
        RestErrors.install(cfg.routes, faults);
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(mapper)));
        if (faults.on(Fault.HEALTH_BEHIND_AUTH)) {
            cfg.routes.beforeMatched("/health", auth::authenticate); // the defect: one filter for every path
        }
        cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        cfg.routes.before("/api/v2/*", admitted::enter);
        cfg.routes.after("/api/v2/*", admitted::exit);
        // beforeMatched, not before: the CORS headers (a plain before-handler) are set first, so a browser
        // on an allowed origin can read a 401 too.
        cfg.routes.beforeMatched("/api/v2/*", auth::authenticate);
        cfg.routes.beforeMatched("/api/v2/*", share::enter); // after authentication: the tenant is known
        cfg.routes.after("/api/v2/*", share::exit);
        cfg.routes.apiBuilder(() -> path("/api/v2/conversations", () -> {
            post(c::create);
            get(c::listMine);
            path("{id}", () -> {
                get(c::get);
                patch(c::rename);
                post("participants", c::addParticipant);
                delete("participants/{userId}", c::removeParticipant);
                path("messages", () -> {
                    get(m::list);
                    post(m::send);
                    patch("{mid}", m::edit);
                    delete("{mid}", m::delete);
                    post("{mid}/read", m::read);
                });
            });
        }));
    }
}
