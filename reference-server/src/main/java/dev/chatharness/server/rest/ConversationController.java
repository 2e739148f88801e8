package dev.chatharness.server.rest;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.json.Fields;
import io.javalin.http.Context;

/** {@code /api/v2/conversations...}: parse, call the service, answer. */
final class ConversationController {
    private static final int MAX_INITIAL_PARTICIPANTS = 999;
    private final ConversationService conversations;
    private final Bodies bodies;

    ConversationController(ConversationService conversations, Bodies bodies) {
        this.conversations = conversations;
        this.bodies = bodies;
    }

    void create(Context ctx) {
        Fields body = bodies.fields(ctx);
        String title = body.optionalString("title", 0, Fields.MAX_TITLE);
        var participants = body.requiredIdList("participantIds", MAX_INITIAL_PARTICIPANTS);
        ctx.status(201).json(conversations.create(RestAuth.principal(ctx), title, participants));
    }

    void listMine(Context ctx) {
        ctx.json(new Items<>(conversations.listMine(RestAuth.principal(ctx))));
    }

    void get(Context ctx) {
        ctx.json(conversations.readable(RestAuth.principal(ctx), conversationId(ctx)));
    }

    void rename(Context ctx) {
        String id = conversationId(ctx);
        Fields body = bodies.fields(ctx);
        if (!body.has("title")) {
            throw new InvalidPayloadException("title is required (null clears it)");
        }
        String title = body.optionalString("title", 0, Fields.MAX_TITLE);
        ctx.json(conversations.rename(RestAuth.principal(ctx), id, title));
    }

    void addParticipant(Context ctx) {
        String id = conversationId(ctx);
        String userId = bodies.fields(ctx).requiredId("userId");
        ctx.json(conversations.addParticipant(RestAuth.principal(ctx), id, userId));
    }

    void removeParticipant(Context ctx) {
        Principal user = RestAuth.principal(ctx);
        String id = conversationId(ctx);
        conversations.removeParticipant(user, id, Fields.pathId("userId", ctx.pathParam("userId")));
        ctx.status(204);
    }

    static String conversationId(Context ctx) {
        return Fields.pathId("conversationId", ctx.pathParam("id"));
    }
}
