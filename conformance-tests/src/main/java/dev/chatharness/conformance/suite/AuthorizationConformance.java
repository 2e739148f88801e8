package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static dev.chatharness.conformance.suite.TenancyConformance.expectSameNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside one tenant, who may do what: joining and writing need participation, editing and deleting need
 * authorship, a message id belongs to its conversation, and a removed participant is out of the room at once.
 * A refusal must change nothing: each check reads the conversation back afterwards.
 */
@DisplayName("§3 Authorization: participants and authors")
@Order(3)
@ExtendWith(TargetExtension.class)
class AuthorizationConformance {

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.4", check = POSITIVE)
    @Clause(id = "3.4", check = NEGATIVE)
    @Clause(id = "3.3", check = NEGATIVE)
    @DisplayName("§3.4 Joining a conversation's room requires being its participant (not_found otherwise)")
    void joining_requires_participation(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        Scene.join(target.connect(scene.a1), conversation);
        ChatSocket outsider = target.connect(scene.a2);
        JsonNode error = outsider.error("join-conversation", Json.object("conversationId", conversation));
        assertThat(error.path("code").asText()).as("join by non-participant " + scene.a2 + ": " + Json.brief(error))
                .isEqualTo("not_found");
        assertThat(target.api().tryGetConversation(scene.a2, conversation).status())
                .as("GET of a conversation " + scene.a2 + " takes no part in").isEqualTo(404);
        String secret = Scene.marker("members-only");
        ChatSocket member = scene.joined(scene.a1, conversation);
        Scene.send(scene.joined(scene.a0, conversation), conversation, secret);
        Scene.awaitMessage(member, secret);
        String sentinel = scene.conversation(scene.a0, scene.a2);
        outsider.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel conversation");
        assertThat(outsider.received("message")).as("room events at " + scene.a2 + " after a refused join").isEmpty();
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.5", check = POSITIVE)
    @Clause(id = "3.5", check = NEGATIVE)
    @Clause(id = "10.11", check = NEGATIVE)
    @DisplayName("§3.5 Sending, editing, deleting and reading require participation (not_found otherwise), and change nothing")
    void writing_requires_participation(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket member = scene.joined(scene.a1, conversation);
        JsonNode message = Scene.send(scene.joined(scene.a0, conversation), conversation, Scene.marker("members-only"));
        String messageId = message.path("id").asText();
        member.ok("message-read", Json.object("conversationId", conversation, "messageId", messageId));
        ChatSocket outsider = target.connect(scene.a2);
        expectNotFound(outsider, "message", Json.object("conversationId", conversation, "body", "intrusion"));
        expectNotFound(outsider, "message-read", Json.object("conversationId", conversation, "messageId", messageId));
        expectNotFound(outsider, "message-edited", Json.object("conversationId", conversation, "messageId", messageId,
                "body", "defaced"));
        expectNotFound(outsider, "message-deleted", Json.object("conversationId", conversation, "messageId", messageId));
        expectSameNotFound("POST message", target.api().tryPostMessage(scene.a2, conversation, "intrusion", null),
                target.api().tryPostMessage(scene.a2, Scene.missingId(), "intrusion", null));
        expectSameNotFound("PATCH message", target.api().tryEditMessage(scene.a2, conversation, messageId, "defaced"),
                target.api().tryEditMessage(scene.a2, Scene.missingId(), messageId, "defaced"));
        expectSameNotFound("POST read", target.api().tryMarkRead(scene.a2, conversation, messageId),
                target.api().tryMarkRead(scene.a2, Scene.missingId(), messageId));
        String sentinel = Scene.marker("sentinel");
        Scene.send(member, conversation, sentinel);
        JsonNode stored = target.api().listMessages(scene.a0, conversation, 0, 100);
        assertThat(stored.path("items")).as("messages after the outsider's attempts").hasSize(2);
        assertThat(stored.path("items").get(0).path("body").asText()).isEqualTo(message.path("body").asText());
        assertThat(member.received("message-read", r -> scene.a2.userId().equals(r.path("userId").asText())))
                .as("receipts of " + scene.a2 + ", who takes no part").isEmpty();
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.6", check = NEGATIVE)
    @Clause(id = "10.9", check = NEGATIVE)
    @Clause(id = "10.10", check = NEGATIVE)
    @DisplayName("§3.6 Editing and deleting a message require being its author (forbidden, REST 403), and change nothing")
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
        assertThat(stored.get(0).path("editedAt").isNull()).as("editedAt after the refused edits: " + Json.brief(stored.get(0)))
                .isTrue();
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.6", check = POSITIVE)
    @DisplayName("§3.6 The author may edit and delete their own message, over the socket and over REST")
    void the_author_may_edit_and_delete(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        String first = Scene.send(author, conversation, "first").path("id").asText();
        String second = Scene.send(author, conversation, "second").path("id").asText();
        author.ok("message-edited", Json.object("conversationId", conversation, "messageId", first, "body", "first, edited"));
        author.ok("message-deleted", Json.object("conversationId", conversation, "messageId", first));
        target.api().editMessage(scene.a0, conversation, second, "second, edited");
        target.api().deleteMessage(scene.a0, conversation, second);
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.7", check = POSITIVE)
    @Clause(id = "3.7", check = NEGATIVE)
    @DisplayName("§3.7 A message id is resolved within its conversation and tenant: another conversation's or tenant's is"
            + " not_found and stays untouched")
    void message_ids_resolve_within_their_conversation(Target target) {
        Scene scene = new Scene(target);
        String here = scene.conversation(scene.a0, scene.a1);
        String there = scene.conversation(scene.a0, scene.a1);
        String foreign = scene.conversation(scene.b0, scene.b1);
        ChatSocket author = scene.joined(scene.a0, here);
        ChatSocket watcher = scene.joined(scene.a1, here);
        Scene.join(author, there);
        String ownId = Scene.send(author, here, "own").path("id").asText();
        String thereId = Scene.send(author, there, "lives elsewhere").path("id").asText();
        String foreignId = Scene.send(scene.joined(scene.b0, foreign), foreign, "tenant B's").path("id").asText();
        List<String> wrong = new ArrayList<>();
        for (String alien : List.of(thereId, foreignId)) {
            String what = alien.equals(thereId) ? "a message of another conversation" : "a message of another tenant";
            Map<String, JsonNode> events = new LinkedHashMap<>();
            events.put("message-read", Json.object("conversationId", here, "messageId", alien));
            events.put("message-edited", Json.object("conversationId", here, "messageId", alien, "body", "hijacked"));
            events.put("message-deleted", Json.object("conversationId", here, "messageId", alien));
            events.forEach((event, payload) -> {
                JsonNode ack = author.ack(event, payload);
                if (!"not_found".equals(ack.path("error").path("code").asText())) {
                    wrong.add(event + " naming " + what + ": " + Json.brief(ack));
                }
            });
            for (RestResponse rest : List.of(target.api().tryEditMessage(scene.a0, here, alien, "hijacked"),
                    target.api().tryMarkRead(scene.a0, here, alien), target.api().tryDeleteMessage(scene.a0, here, alien))) {
                if (rest.status() != 404) {
                    wrong.add(rest.describe() + " naming " + what);
                }
            }
        }
        assertThat(wrong).as("requests naming a message outside their conversation that were not answered not_found").isEmpty();
        JsonNode thereAfter = target.api().messagesById(scene.a0, there).get(thereId);
        assertThat(thereAfter).as("the other conversation's message after the attempts").isNotNull();
        assertThat(thereAfter.path("body").asText()).isEqualTo("lives elsewhere");
        JsonNode foreignAfter = target.api().messagesById(scene.b0, foreign).get(foreignId);
        assertThat(foreignAfter).as("tenant B's message after the attempts").isNotNull();
        assertThat(foreignAfter.path("body").asText()).as("tenant B's message body after the attempts").isEqualTo("tenant B's");
        author.ok("message-read", Json.object("conversationId", here, "messageId", ownId));
        watcher.await("message-read", r -> ownId.equals(r.path("messageId").asText()), "the receipt of the right message");
        assertThat(watcher.received("message-edited")).as("edits broadcast to the conversation named in the requests").isEmpty();
        assertThat(watcher.received("message-deleted")).as("deletions broadcast to it").isEmpty();
        assertThat(watcher.received("message-read", r -> !ownId.equals(r.path("messageId").asText())))
                .as("receipts broadcast for messages of other conversations").isEmpty();
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "3.8", check = POSITIVE)
    @Clause(id = "3.8", check = NEGATIVE)
    @DisplayName("§3.8 Removing a participant takes all of that user's sockets out of the room at once")
    void removed_participant_receives_nothing_more(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        ChatSocket first = scene.joined(scene.a1, conversation);
        ChatSocket second = scene.joined(scene.a1, conversation);
        target.api().removeParticipant(scene.a0, conversation, scene.a1);
        String secret = Scene.marker("after-removal");
        Scene.send(author, conversation, secret);
        author.ok("typing", Json.object("conversationId", conversation, "isTyping", true));
        // Sentinel: conversation-created reaches every socket of a participant, so it travels the same path.
        String sentinelConversation = scene.conversation(scene.a0, scene.a1);
        for (ChatSocket socket : List.of(first, second)) {
            socket.await("conversation-created", c -> sentinelConversation.equals(c.path("id").asText()),
                    "conversation-created of the sentinel conversation");
            assertThat(socket.received("message", m -> secret.equals(m.path("body").asText())))
                    .as("messages of the conversation " + scene.a1 + " was removed from, on " + socket).isEmpty();
            assertThat(socket.received("typing", t -> conversation.equals(t.path("conversationId").asText())))
                    .as("typing of the conversation " + scene.a1 + " was removed from, on " + socket).isEmpty();
        }
        JsonNode error = first.error("message", Json.object("conversationId", conversation, "body", "still here?"));
        assertThat(error.path("code").asText()).as("send by the removed participant: " + Json.brief(error))
                .isEqualTo("not_found");
        assertThat(second.ack("join-conversation", Json.object("conversationId", conversation)).path("error").path("code")
                .asText()).as("join by the removed participant").isEqualTo("not_found");
    }

    private static void expectNotFound(ChatSocket socket, String event, JsonNode payload) {
        JsonNode error = socket.error(event, payload);
        assertThat(error.path("code").asText()).as(event + " by non-participant " + socket + ": " + Json.brief(error))
                .isEqualTo("not_found");
    }
}
