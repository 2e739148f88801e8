package dev.chatharness.server.rest;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Fields;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.message.Sent;
import dev.chatharness.server.ratelimit.Action;
import dev.chatharness.server.ratelimit.Permit;
import dev.chatharness.server.ratelimit.RateLimiter;
import io.javalin.http.Context;

/** {@code /api/v2/conversations/{id}/messages...}. REST changes are broadcast to the whole room. */
final class MessageController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private final MessageService messages;
    private final RateLimiter limiter;
    private final Bodies bodies;
    private final Faults faults;
    private final int maxBody;
    private final int maxClientMessageId;

    MessageController(MessageService messages, RateLimiter limiter, Bodies bodies, Faults faults) {
        this.messages = messages;
        this.limiter = limiter;
        this.bodies = bodies;
        this.faults = faults;
        this.maxBody = Fields.MAX_BODY + (faults.on(Fault.BODY_LIMIT_OFF_BY_ONE) ? 1 : 0);
        this.maxClientMessageId = Fields.MAX_ID + (faults.on(Fault.CLIENT_ID_LIMIT_OFF_BY_ONE) ? 1 : 0);
    }

    void list(Context ctx) {
        String id = ConversationController.conversationId(ctx);
        long afterSeq = Bodies.queryLong(ctx, "afterSeq", 0, 0, Long.MAX_VALUE);
        if (faults.on(Fault.AFTER_SEQ_INCLUSIVE) && afterSeq > 0) {
            afterSeq--; // the defect: "from seq" where "after seq" was meant
        }
        int limit = (int) Bodies.queryLong(ctx, "limit", DEFAULT_LIMIT, 1, faults.on(Fault.LIMIT_NOT_CAPPED) ? 1000 : MAX_LIMIT);
        ctx.json(new Items<>(messages.list(RestAuth.principal(ctx), id, afterSeq, limit)));
    }

    /**
     * 201 with the new message, or 200 with the original when the clientMessageId was already used. The rate limit
     * is decided first: a request over it is answered 429 without its body being read.
     */
    void send(Context ctx) {
        Principal user = RestAuth.principal(ctx);
        try (Permit permit = limiter.take(Action.MESSAGE, user, Origin.REST.connectionId())) {
            String id = ConversationController.conversationId(ctx);
            Fields body = bodies.fields(ctx);
            String text = body.requiredString("body", 1, maxBody);
            String clientMessageId = body.optionalString("clientMessageId", 1, maxClientMessageId);
            Sent sent = messages.send(permit, user, id, text, clientMessageId, Origin.REST);
            ctx.status(sent.created() ? 201 : 200).json(sent.message());
        }
    }

    void edit(Context ctx) {
        Principal user = RestAuth.principal(ctx);
        try (Permit permit = limiter.take(Action.MESSAGE, user, Origin.REST.connectionId())) {
            String id = ConversationController.conversationId(ctx);
            String messageId = messageId(ctx);
            String text = bodies.fields(ctx).requiredString("body", 1, maxBody);
            ctx.json(messages.edit(permit, user, id, messageId, text, Origin.REST));
        }
    }

    void delete(Context ctx) {
        messages.delete(RestAuth.principal(ctx), ConversationController.conversationId(ctx), messageId(ctx), Origin.REST);
        ctx.status(204);
    }

    void read(Context ctx) {
        ctx.json(messages.read(RestAuth.principal(ctx), ConversationController.conversationId(ctx), messageId(ctx),
                Origin.REST));
    }

    private static String messageId(Context ctx) {
        return Fields.pathId("messageId", ctx.pathParam("mid"));
    }
}
