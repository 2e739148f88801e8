package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With minted tokens, user i of tenant B has the same {@code sub} as user i of tenant A: every check here that
 * involves tenant B is also a check that the target tells users apart by the pair (tenant, sub), not by sub.
 */
@DisplayName("§3 Tenancy: tenants share nothing")
@Order(3)
@ExtendWith(TargetExtension.class)
class TenancyConformance {

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.1", check = POSITIVE)
    @DisplayName("§3.1 The same sub in two tenants is two users: each lists only its own tenant's conversations")
    void same_sub_in_two_tenants_is_two_users(Target target) {
        Scene scene = new Scene(target);
        String conversationA = scene.conversation(scene.a0, scene.a1);
        String conversationB = scene.conversation(scene.b0, scene.b1);
        assertThat(ids(target.api().listConversations(scene.a0))).as("conversations of " + scene.a0)
                .contains(conversationA).doesNotContain(conversationB);
        assertThat(ids(target.api().listConversations(scene.b0))).as("conversations of " + scene.b0)
                .contains(conversationB).doesNotContain(conversationA);
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.1", check = NEGATIVE)
    @DisplayName("§3.1 A user shares nothing with the same sub in another tenant: sockets, online state, idempotency keys,"
            + " rate-limit budget")
    void same_sub_in_another_tenant_shares_nothing(Target target) {
        Scene scene = new Scene(target);
        String conversationA = scene.conversation(scene.a0, scene.a1);
        String conversationB = scene.conversation(scene.b0, scene.b1);
        ChatSocket watcherA = target.connect(scene.a1);
        ChatSocket watcherB = target.connect(scene.b1);
        boolean presence = !target.profile().unsupported().contains(Feature.PRESENCE);
        String sub = scene.a0.userId(); // == scene.b0.userId()

        // Online state: a0 online first; b0's first socket is still b0's first, and must be announced in tenant B.
        ChatSocket a0 = scene.joined(scene.a0, conversationA);
        ChatSocket b0 = scene.joined(scene.b0, conversationB);
        if (presence) {
            watcherB.await("user-online", u -> sub.equals(u.path("userId").asText()),
                    "user-online of " + scene.b0 + " (whose sub " + scene.a0 + " already had a socket in another tenant)");
        }

        // Sockets: a conversation created in tenant A for a0 must not reach b0's sockets.
        String created = scene.conversation(scene.a1, scene.a0);
        a0.await("conversation-created", c -> created.equals(c.path("id").asText()), "conversation-created at " + scene.a0);

        // Idempotency keys: the same clientMessageId, same sub, other tenant is another message.
        String key = Scene.marker("shared-key");
        JsonNode inA = a0.ok("message", Json.object("conversationId", conversationA, "body", "tenant A text", "clientMessageId", key));
        JsonNode inB = b0.ok("message", Json.object("conversationId", conversationB, "body", "tenant B text", "clientMessageId", key));
        assertThat(inB.path("id").asText()).as("id of " + scene.b0 + "'s message with clientMessageId " + key
                + " (tenant A's has " + inA.path("id").asText() + ")").isNotEqualTo(inA.path("id").asText());
        assertThat(inB.path("body").asText()).as("body acked to " + scene.b0).isEqualTo("tenant B text");
        assertThat(inB.path("conversationId").asText()).as("conversation acked to " + scene.b0).isEqualTo(conversationB);

        // Rate-limit budget: a0 spends all of theirs; b0 still has all of theirs.
        if (target.profile().mintsTokens() && !target.profile().unsupported().contains(Feature.RATE_LIMIT)) {
            Burst spent = Burst.messages(List.of(a0), conversationA, 2 * target.profile().messageRate().capacity() + 5);
            assertThat(spent.refused()).as("refusals in " + scene.a0 + "'s burst (" + spent.summary() + ")").isNotEmpty();
            int half = Math.max(2, target.profile().messageRate().capacity() / 2);
            Burst twin = Burst.messages(List.of(b0), conversationB, half);
            assertThat(twin.refused()).as(scene.b0 + "'s " + half + " messages right after " + scene.a0
                    + " (same sub, other tenant) used up their budget (" + twin.summary() + ")").isEmpty();
        }

        // Offline state: a0 going away is not b0 going away.
        a0.close();
        if (presence) {
            watcherA.await("user-offline", u -> sub.equals(u.path("userId").asText()), "user-offline of " + scene.a0);
        }
        String sentinel = scene.conversation(scene.b1, scene.b0);
        b0.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel conversation at " + scene.b0);
        watcherB.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel at " + scene.b1);
        assertThat(b0.received("conversation-created", c -> created.equals(c.path("id").asText())))
                .as("tenant A's conversation-created at " + scene.b0 + ", who has the same sub as its participant "
                        + scene.a0).isEmpty();
        assertThat(watcherB.received("user-offline", u -> sub.equals(u.path("userId").asText())))
                .as("user-offline for " + scene.b0 + " at " + scene.b1 + " while " + scene.b0 + " is still connected"
                        + " (its same-sub twin in tenant A left)").isEmpty();
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.2", check = POSITIVE)
    @Clause(id = "3.2", check = NEGATIVE)
    @DisplayName("§3.2 Ids are opaque strings, unique across tenants: two new tenants never get the same ids")
    void ids_are_unique_across_tenants(Target target) {
        Scene scene = new Scene(target);
        // Both tenants are new: a per-tenant counter would give both the same first ids.
        JsonNode conversationA = target.api().createConversation(scene.a0, "first of A", scene.a1);
        JsonNode conversationB = target.api().createConversation(scene.b0, "first of B", scene.b1);
        String idA = conversationA.path("id").asText();
        String idB = conversationB.path("id").asText();
        assertThat(conversationA.path("id").isTextual()).as("conversation id is a string: " + Json.brief(conversationA)).isTrue();
        assertThat(idA).as("ids of the first conversation of two new tenants").isNotEqualTo(idB);
        JsonNode messageA = target.api().postMessage(scene.a0, idA, "first message of A");
        JsonNode messageB = target.api().postMessage(scene.b0, idB, "first message of B");
        assertThat(messageA.path("id").isTextual()).as("message id is a string: " + Json.brief(messageA)).isTrue();
        assertThat(messageA.path("id").asText()).as("ids of the first message of two new tenants")
                .isNotEqualTo(messageB.path("id").asText());
        assertThat(target.api().tryGetConversation(scene.a0, idB).status()).as("GET of tenant B's conversation id by "
                + scene.a0).isEqualTo(404);
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.3", check = POSITIVE)
    @Clause(id = "3.3", check = NEGATIVE)
    @Clause(id = "3.9", check = NEGATIVE)
    @DisplayName("§3.3 Another tenant's conversation answers REST 404 not_found on every endpoint, exactly like one that does not exist")
    void other_tenants_conversation_is_not_found_over_rest(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String messageId = Scene.send(scene.joined(scene.a0, conversation), conversation, Scene.marker("tenant-a-only"))
                .path("id").asText();
        assertThat(target.api().tryGetConversation(scene.a1, conversation).status()).as("GET by a participant").isEqualTo(200);
        // b0 has the same sub as a0, the conversation's creator: only the tenant tells them apart.
        String missing = Scene.missingId();
        Map<String, BiFunction<String, String, RestResponse>> calls = new LinkedHashMap<>();
        calls.put("GET conversation", (c, m) -> target.api().tryGetConversation(scene.b0, c));
        calls.put("PATCH conversation", (c, m) -> target.api().tryRenameConversation(scene.b0, c, "taken over"));
        calls.put("GET messages", (c, m) -> target.api().tryListMessages(scene.b0, c, 0, 10));
        calls.put("POST message", (c, m) -> target.api().tryPostMessage(scene.b0, c, "intrusion", null));
        calls.put("PATCH message", (c, m) -> target.api().tryEditMessage(scene.b0, c, m, "defaced"));
        calls.put("DELETE message", (c, m) -> target.api().tryDeleteMessage(scene.b0, c, m));
        calls.put("POST read", (c, m) -> target.api().tryMarkRead(scene.b0, c, m));
        calls.put("POST participant", (c, m) -> target.api().tryAddParticipant(scene.b0, c, scene.b1.userId()));
        calls.put("DELETE participant", (c, m) -> target.api().tryRemoveParticipant(scene.b0, c, scene.a1.userId()));
        calls.forEach((what, call) -> expectSameNotFound(what, call.apply(conversation, messageId), call.apply(missing, messageId)));
        JsonNode after = target.api().getConversation(scene.a0, conversation);
        assertThat(after.path("participantIds")).as("participants after tenant B's attempts").extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        assertThat(target.api().messagesById(scene.a0, conversation)).as("messages after tenant B's attempts")
                .containsOnlyKeys(messageId);
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.3", check = NEGATIVE)
    @DisplayName("§3.3 Every socket event on another tenant's conversation answers not_found, exactly like one that does not exist")
    void other_tenants_conversation_is_not_found_over_the_socket(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String messageId = Scene.send(scene.joined(scene.a0, conversation), conversation, "hidden").path("id").asText();
        ChatSocket intruder = target.connect(scene.b0);
        String missing = Scene.missingId();
        Map<String, BiFunction<String, String, JsonNode>> events = new LinkedHashMap<>();
        events.put("join-conversation", (c, m) -> Json.object("conversationId", c));
        events.put("message", (c, m) -> Json.object("conversationId", c, "body", "intrusion"));
        events.put("typing", (c, m) -> Json.object("conversationId", c, "isTyping", true));
        events.put("message-read", (c, m) -> Json.object("conversationId", c, "messageId", m));
        events.put("message-edited", (c, m) -> Json.object("conversationId", c, "messageId", m, "body", "defaced"));
        events.put("message-deleted", (c, m) -> Json.object("conversationId", c, "messageId", m));
        List<String> wrong = new ArrayList<>();
        events.forEach((event, payload) -> {
            if ("typing".equals(event) && target.profile().unsupported().contains(Feature.TYPING)) {
                return;
            }
            JsonNode hidden = intruder.ack(event, payload.apply(conversation, messageId));
            JsonNode absent = intruder.ack(event, payload.apply(missing, messageId));
            String hiddenCode = hidden.path("error").path("code").asText("ok");
            if (!"not_found".equals(hiddenCode) || !hiddenCode.equals(absent.path("error").path("code").asText("ok"))) {
                wrong.add(event + ": hidden " + Json.brief(hidden) + " vs missing " + Json.brief(absent));
            }
        });
        assertThat(wrong).as("events by " + scene.b0 + " on tenant A's conversation not answered exactly like a missing one")
                .isEmpty();
        assertThat(target.api().messagesById(scene.a0, conversation).get(messageId).path("body").asText())
                .as("the message after tenant B's attempts").isEqualTo("hidden");
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.3", check = NEGATIVE)
    @DisplayName("§3.3/§11 leave-conversation of a conversation the user cannot see answers exactly like one that does not exist")
    void leaving_a_hidden_conversation_answers_like_a_missing_one(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket outsider = target.connect(scene.b0);
        JsonNode hidden = outsider.ack("leave-conversation", Json.object("conversationId", conversation));
        JsonNode missing = outsider.ack("leave-conversation", Json.object("conversationId", Scene.missingId()));
        assertThat(hidden.path("ok").asBoolean()).as("ok of leave for a hidden (" + Json.brief(hidden) + ") vs a missing ("
                + Json.brief(missing) + ") conversation").isEqualTo(missing.path("ok").asBoolean());
        assertThat(hidden.path("error").path("code").asText()).as("error code, hidden vs missing")
                .isEqualTo(missing.path("error").path("code").asText());
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.9", check = POSITIVE)
    @Clause(id = "3.9", check = NEGATIVE)
    @DisplayName("§3.9 No room event crosses tenants, even to a user with the same sub")
    void room_events_never_cross_tenants(Target target) {
        Scene scene = new Scene(target);
        String conversationA = scene.conversation(scene.a0, scene.a1);
        String conversationB = scene.conversation(scene.b1, scene.b0);
        ChatSocket a1 = scene.joined(scene.a1, conversationA);
        ChatSocket a0 = scene.joined(scene.a0, conversationA);
        ChatSocket b0 = scene.joined(scene.b0, conversationB);
        // Whatever the answer, the attempt must not put b0 into tenant A's room.
        b0.ack("join-conversation", Json.object("conversationId", conversationA));
        String secret = Scene.marker("tenant-a-secret");
        String messageId = Scene.send(a1, conversationA, secret).path("id").asText();
        Scene.awaitMessage(a0, secret);
        a0.ok("message-read", Json.object("conversationId", conversationA, "messageId", messageId));
        target.api().editMessage(scene.a1, conversationA, messageId, secret + "-edited");
        if (!target.profile().unsupported().contains(Feature.TYPING)) {
            a1.ok("typing", Json.object("conversationId", conversationA, "isTyping", true));
        }
        target.api().deleteMessage(scene.a1, conversationA, messageId);
        a0.await("message-deleted", d -> messageId.equals(d.path("messageId").asText()), "the deletion in tenant A");
        String sentinel = Scene.marker("tenant-b-sentinel");
        Scene.send(target.connect(scene.b1), conversationB, sentinel);
        Scene.awaitMessage(b0, sentinel);
        for (String event : List.of("message", "message-edited", "message-read", "message-deleted", "typing")) {
            assertThat(b0.received(event, e -> conversationA.equals(e.path("conversationId").asText())))
                    .as("tenant A's " + event + " events that reached " + scene.b0 + " (same sub as " + scene.a0 + ")").isEmpty();
        }
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.9", check = NEGATIVE)
    @DisplayName("§3.9 No conversation or participant event crosses tenants, even to users with the same subs")
    void conversation_events_never_cross_tenants(Target target) {
        Scene scene = new Scene(target);
        ChatSocket b0 = target.connect(scene.b0);
        ChatSocket b1 = target.connect(scene.b1);
        ChatSocket b2 = target.connect(scene.b2);
        String conversation = scene.conversation(scene.a0, scene.a1);
        target.api().renameConversation(scene.a0, conversation, Scene.marker("renamed"));
        target.api().addParticipant(scene.a0, conversation, scene.a2);
        target.api().removeParticipant(scene.a0, conversation, scene.a2);
        String sentinel = scene.conversation(scene.b0, scene.b1, scene.b2);
        for (ChatSocket socket : List.of(b0, b1, b2)) {
            socket.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "tenant B's sentinel");
            for (String event : List.of("conversation-created", "conversation-updated")) {
                assertThat(socket.received(event, c -> conversation.equals(c.path("id").asText())))
                        .as("tenant A's " + event + " at " + socket).isEmpty();
            }
            for (String event : List.of("participant-added", "participant-removed")) {
                assertThat(socket.received(event, c -> conversation.equals(c.path("conversationId").asText())))
                        .as("tenant A's " + event + " at " + socket).isEmpty();
            }
        }
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @Clause(id = "3.9", check = NEGATIVE)
    @DisplayName("§3.9 No presence event crosses tenants: user-online and presence-update stay in the tenant")
    void presence_never_crosses_tenants(Target target) {
        target.assumeSupported(Feature.PRESENCE);
        Scene scene = new Scene(target);
        scene.conversation(scene.b1, scene.b0);
        ChatSocket watcher = target.connect(scene.b1);
        // a0 has the same sub as b0, b1's contact; nothing a0 does may reach b1.
        ChatSocket a0 = target.connect(scene.a0);
        String secret = Scene.marker("tenant-a-status");
        a0.ok("presence-update", Json.object("status", "busy", "statusText", secret));
        ChatSocket b0 = target.connect(scene.b0);
        String sentinel = Scene.marker("tenant-b-status");
        b0.ok("presence-update", Json.object("status", "away", "statusText", sentinel));
        watcher.await("presence-update", p -> sentinel.equals(p.path("statusText").asText()), "b0's presence-update");
        assertThat(watcher.received("presence-update", p -> secret.equals(p.path("statusText").asText())))
                .as("tenant A's presence-update that reached " + scene.b1).isEmpty();
        List<JsonNode> online = watcher.received("user-online", p -> scene.b0.userId().equals(p.path("userId").asText()));
        assertThat(online).as("user-online events for sub " + scene.b0.userId() + " at " + scene.b1
                + " (one is b0's own; more means a0's crossed tenants)").hasSizeLessThanOrEqualTo(1);
    }

    /** Both answers must be 404 not_found: a hidden conversation and a missing one are indistinguishable. */
    static void expectSameNotFound(String what, RestResponse hidden, RestResponse missing) {
        assertThat(hidden.status()).as(what + ": " + hidden.describe() + " (a conversation the caller may not see)")
                .isEqualTo(404);
        assertThat(hidden.errorCode()).as(what + ": " + hidden.describe()).isEqualTo("not_found");
        assertThat(missing.status()).as(what + ": " + missing.describe() + " (a conversation that does not exist)")
                .isEqualTo(404);
        assertThat(hidden.errorCode()).as(what + ": error code, hidden vs missing").isEqualTo(missing.errorCode());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
