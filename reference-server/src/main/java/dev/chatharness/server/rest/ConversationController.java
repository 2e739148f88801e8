package dev.chatharness.server.rest;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.conversation.ConversationService;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Fields;
import io.javalin.http.Context;

/** {@code /api/v2/conversations...}: parse, call the service, answer. */
final class ConversationController {
    private static final int MAX_INITIAL_PARTICIPANTS = 999;
    private final ConversationService conversations;
    private final Bodies bodies;
    private final Faults faults;

    ConversationController(ConversationService conversations, Bodies bodies, Faults faults) {
        this.conversations = conversations;
        this.bodies = bodies;
        this.faults = faults;
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
        var conversation = conversations.readable(RestAuth.principal(ctx), conversationId(ctx));
        if (faults.on(Fault.GET_CONVERSATION_WRAPPED)) {
            ctx.json(java.util.Map.of("conversation", conversation)); // the defect: an envelope nobody asked for
            return;
        }
        ctx.json(conversation);
    }

    void rename(Context ctx) {
        String id = conversationId(ctx);
        Fields body = bodies.fields(ctx);
        if (!body.has("title")) {
            throw new InvalidPayloadException("title is required (null clears it)");
        }
        // the defect TITLE_LIMIT_ON_CREATE_ONLY checks the title where it is created, not where it changes
        String title = body.optionalString("title", 0, faults.on(Fault.TITLE_LIMIT_ON_CREATE_ONLY) ? Integer.MAX_VALUE
                : Fields.MAX_TITLE);
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
        if (faults.on(Fault.REMOVE_ANSWERS_200)) {
            ctx.status(200).json(conversations.visible(user, id)); // the defect: "helpfully" returns the result
            return;
        }
        ctx.status(204);
    }

    static String conversationId(Context ctx) {
        return Fields.pathId("conversationId", ctx.pathParam("id"));
    }
}
