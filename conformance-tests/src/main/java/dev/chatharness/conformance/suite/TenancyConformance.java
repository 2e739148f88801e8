package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§3 Tenancy and authorization")
@Order(3)
@ExtendWith(TargetExtension.class)
class TenancyConformance {

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @DisplayName("§3 Another tenant's conversation answers REST 404 not_found, exactly like one that does not exist")
    void other_tenants_conversation_is_not_found_over_rest(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        Scene.send(scene.joined(scene.a0, conversation), conversation, Scene.marker("tenant-a-only"));
        // b0 has the same sub as a0, the conversation's creator: only the tenant tells them apart.
        expectSameNotFound(target.api().tryGetConversation(scene.b0, conversation),
                target.api().tryGetConversation(scene.b0, Scene.missingId()));
        expectSameNotFound(target.api().tryListMessages(scene.b0, conversation, 0, 10),
                target.api().tryListMessages(scene.b0, Scene.missingId(), 0, 10));
        expectSameNotFound(target.api().tryPostMessage(scene.b0, conversation, "intrusion", null),
                target.api().tryPostMessage(scene.b0, Scene.missingId(), "intrusion", null));
        expectSameNotFound(target.api().tryAddParticipant(scene.b0, conversation, scene.b1.userId()),
                target.api().tryAddParticipant(scene.b0, Scene.missingId(), scene.b1.userId()));
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @DisplayName("§3 Joining another tenant's conversation answers not_found, exactly like one that does not exist")
    void other_tenants_conversation_cannot_be_joined(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket intruder = target.connect(scene.b0);
        JsonNode foreign = intruder.error("join-conversation", Json.object("conversationId", conversation));
        JsonNode missing = intruder.error("join-conversation", Json.object("conversationId", Scene.missingId()));
        assertThat(foreign.path("code").asText()).as("join of tenant A's conversation by " + scene.b0 + ": " + Json.brief(foreign))
                .isEqualTo("not_found").isEqualTo(missing.path("code").asText());
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @DisplayName("§3/§11 leave-conversation of a conversation the user cannot see answers exactly like one that does not exist")
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
    @DisplayName("§3 No room event crosses tenants, even to a user with the same sub")
    void room_events_never_cross_tenants(Target target) {
        Scene scene = new Scene(target);
        String conversationA = scene.conversation(scene.a0, scene.a1);
        String conversationB = scene.conversation(scene.b1, scene.b0);
        ChatSocket a1 = scene.joined(scene.a1, conversationA);
        ChatSocket b0 = scene.joined(scene.b0, conversationB);
        // Whatever the answer, the attempt must not put b0 into tenant A's room.
        b0.ack("join-conversation", Json.object("conversationId", conversationA));
        String secret = Scene.marker("tenant-a-secret");
        Scene.send(a1, conversationA, secret);
        target.api().editMessage(scene.a1, conversationA,
                Scene.send(a1, conversationA, Scene.marker("a-edit")).path("id").asText(), secret + "-edited");
        String sentinel = Scene.marker("tenant-b-sentinel");
        Scene.send(target.connect(scene.b1), conversationB, sentinel);
        Scene.awaitMessage(b0, sentinel);
        assertThat(b0.received("message", m -> conversationA.equals(m.path("conversationId").asText())))
                .as("tenant A's messages that reached " + scene.b0).isEmpty();
        assertThat(b0.received("message-edited")).as("tenant A's edits that reached " + scene.b0).isEmpty();
    }

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @DisplayName("§3 No presence event crosses tenants: user-online and presence-update stay in the tenant")
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

    @Test
    @Tag(ConformanceTags.ISOLATION)
    @DisplayName("§3 The same sub in two tenants is two users: each lists only its own tenant's conversations")
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
    @Tag(ConformanceTags.AUTHORIZATION)
    @DisplayName("§3 Joining a conversation's room requires being its participant (not_found otherwise)")
    void joining_requires_participation(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket outsider = target.connect(scene.a2);
        JsonNode error = outsider.error("join-conversation", Json.object("conversationId", conversation));
        assertThat(error.path("code").asText()).as("join by non-participant " + scene.a2 + ": " + Json.brief(error))
                .isEqualTo("not_found");
        assertThat(target.api().tryGetConversation(scene.a2, conversation).status())
                .as("GET of a conversation " + scene.a2 + " takes no part in").isEqualTo(404);
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @DisplayName("§3 Sending, editing, deleting and reading require participation (not_found otherwise)")
    void writing_requires_participation(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        JsonNode message = Scene.send(scene.joined(scene.a0, conversation), conversation, Scene.marker("members-only"));
        String messageId = message.path("id").asText();
        ChatSocket outsider = target.connect(scene.a2);
        expectNotFound(outsider, "message", Json.object("conversationId", conversation, "body", "intrusion"));
        expectNotFound(outsider, "message-read", Json.object("conversationId", conversation, "messageId", messageId));
        expectNotFound(outsider, "message-edited", Json.object("conversationId", conversation, "messageId", messageId,
                "body", "defaced"));
        expectNotFound(outsider, "message-deleted", Json.object("conversationId", conversation, "messageId", messageId));
        expectSameNotFound(target.api().tryPostMessage(scene.a2, conversation, "intrusion", null),
                target.api().tryPostMessage(scene.a2, Scene.missingId(), "intrusion", null));
        JsonNode stored = target.api().listMessages(scene.a0, conversation, 0, 100);
        assertThat(stored.path("items")).as("messages after the outsider's attempts").hasSize(1);
        assertThat(stored.path("items").get(0).path("body").asText()).isEqualTo(message.path("body").asText());
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @DisplayName("§3 Editing and deleting a message require being its author (forbidden otherwise)")
    void editing_and_deleting_require_authorship(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String body = Scene.marker("authored-by-a0");
        String messageId = Scene.send(scene.joined(scene.a0, conversation), conversation, body).path("id").asText();
        ChatSocket other = scene.joined(scene.a1, conversation);
        JsonNode edit = other.error("message-edited", Json.object("conversationId", conversation, "messageId", messageId,
                "body", "not yours"));
        assertThat(edit.path("code").asText()).as("edit of a0's message by " + scene.a1 + ": " + Json.brief(edit))
                .isEqualTo("forbidden");
        JsonNode delete = other.error("message-deleted", Json.object("conversationId", conversation, "messageId", messageId));
        assertThat(delete.path("code").asText()).as("delete of a0's message by " + scene.a1 + ": " + Json.brief(delete))
                .isEqualTo("forbidden");
        RestResponse restEdit = target.api().tryEditMessage(scene.a1, conversation, messageId, "not yours");
        assertThat(restEdit.status()).as(restEdit.describe()).isEqualTo(403);
        assertThat(restEdit.errorCode()).as(restEdit.describe()).isEqualTo("forbidden");
        RestResponse restDelete = target.api().tryDeleteMessage(scene.a1, conversation, messageId);
        assertThat(restDelete.status()).as(restDelete.describe()).isEqualTo(403);
        JsonNode stored = target.api().listMessages(scene.a0, conversation, 0, 10).path("items");
        assertThat(stored).as("messages after the refused edits and deletes").hasSize(1);
        assertThat(stored.get(0).path("body").asText()).as("body after the refused edits").isEqualTo(body);
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @DisplayName("§3 Removing a participant removes all of that user's sockets from the room at once")
    void removed_participant_receives_nothing_more(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        ChatSocket first = scene.joined(scene.a1, conversation);
        ChatSocket second = scene.joined(scene.a1, conversation);
        target.api().removeParticipant(scene.a0, conversation, scene.a1);
        String secret = Scene.marker("after-removal");
        Scene.send(author, conversation, secret);
        // Sentinel: conversation-created reaches every socket of a participant, so it travels the same path.
        String sentinelConversation = scene.conversation(scene.a0, scene.a1);
        for (ChatSocket socket : List.of(first, second)) {
            socket.await("conversation-created", c -> sentinelConversation.equals(c.path("id").asText()),
                    "conversation-created of the sentinel conversation");
            assertThat(socket.received("message", m -> secret.equals(m.path("body").asText())))
                    .as("messages of the conversation " + scene.a1 + " was removed from, on " + socket).isEmpty();
        }
        JsonNode error = first.error("message", Json.object("conversationId", conversation, "body", "still here?"));
        assertThat(error.path("code").asText()).as("send by the removed participant: " + Json.brief(error))
                .isEqualTo("not_found");
    }

    private static void expectNotFound(ChatSocket socket, String event, JsonNode payload) {
        JsonNode error = socket.error(event, payload);
        assertThat(error.path("code").asText()).as(event + " by non-participant " + socket + ": " + Json.brief(error))
                .isEqualTo("not_found");
    }

    /** Both answers must be 404 not_found: a hidden conversation and a missing one are indistinguishable. */
    static void expectSameNotFound(RestResponse hidden, RestResponse missing) {
        assertThat(hidden.status()).as(hidden.describe() + " (a conversation the caller may not see)").isEqualTo(404);
        assertThat(hidden.errorCode()).as(hidden.describe()).isEqualTo("not_found");
        assertThat(missing.status()).as(missing.describe() + " (a conversation that does not exist)").isEqualTo(404);
        assertThat(hidden.errorCode()).as("error code, hidden vs missing").isEqualTo(missing.errorCode());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.path("items").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

}
