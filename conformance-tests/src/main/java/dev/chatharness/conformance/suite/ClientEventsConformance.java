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
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each client event: its ack, its broadcast, and who must not get the broadcast (the sending socket, for every room
 * event). Absence is proven by a later sentinel on the same path.
 */
@DisplayName("§5 Client-to-server events")
@Tag(ConformanceTags.EVENTS)
@Order(5)
@ExtendWith(TargetExtension.class)
class ClientEventsConformance {

    @Test
    @Clause(id = "5.1", check = POSITIVE)
    @Clause(id = "5.1", check = NEGATIVE)
    @DisplayName("§5.1 join-conversation acks {conversationId, lastSeq} and broadcasts nothing")
    void join_acks_last_seq(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket first = target.connect(scene.a0);
        JsonNode empty = Scene.join(first, conversation);
        assertThat(empty.path("conversationId").asText()).isEqualTo(conversation);
        assertThat(empty.path("lastSeq").asLong(-1)).as("lastSeq of an empty conversation: " + Json.brief(empty)).isZero();
        Scene.send(first, conversation, "one");
        Scene.send(first, conversation, "two");
        ChatSocket second = target.connect(scene.a1);
        JsonNode later = Scene.join(second, conversation);
        assertThat(later.path("lastSeq").asLong(-1)).as("lastSeq after two messages: " + Json.brief(later)).isEqualTo(2);
        String sentinel = Scene.marker("after-join");
        Scene.send(second, conversation, sentinel);
        Scene.awaitMessage(first, sentinel);
        assertThat(first.received(null, e -> conversation.equals(e.path("conversationId").asText())
                && !sentinel.equals(e.path("body").asText()))).as("events of the conversation at " + scene.a0
                + " caused by " + scene.a1 + "'s join").isEmpty();
    }

    @Test
    @Clause(id = "5.2", check = POSITIVE)
    @Clause(id = "5.2", check = NEGATIVE)
    @DisplayName("§5.2 leave-conversation acks {conversationId}; room events stop at that socket, and only at that one")
    void leave_stops_room_events(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket leaver = scene.joined(scene.a1, conversation);
        ChatSocket stayer = scene.joined(scene.a1, conversation);
        JsonNode left = leaver.ok("leave-conversation", Json.object("conversationId", conversation));
        assertThat(left.path("conversationId").asText()).isEqualTo(conversation);
        String after = Scene.marker("after-leave");
        Scene.send(sender, conversation, after);
        Scene.awaitMessage(stayer, after);
        // conversation-updated reaches every participant's socket, joined or not: the sentinel.
        target.api().renameConversation(scene.a0, conversation, "renamed " + Scene.shortId());
        leaver.await("conversation-updated", c -> conversation.equals(c.path("id").asText()), "conversation-updated");
        assertThat(leaver.received("message", m -> after.equals(m.path("body").asText())))
                .as("messages after leave-conversation on " + leaver).isEmpty();
    }

    @Test
    @Clause(id = "5.3", check = POSITIVE)
    @Clause(id = "5.3", check = NEGATIVE)
    @DisplayName("§5.3 message acks the stored Message and reaches the room but not the sending socket")
    void message_reaches_the_room_but_not_the_sender(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket senderOtherSocket = scene.joined(scene.a0, conversation);
        ChatSocket receiver = scene.joined(scene.a1, conversation);
        String body = Scene.marker("hello");
        JsonNode stored = Scene.send(sender, conversation, body);
        assertThat(stored.path("body").asText()).isEqualTo(body);
        assertThat(stored.path("senderId").asText()).as("senderId of the ack").isEqualTo(scene.a0.userId());
        JsonNode delivered = Scene.awaitMessage(receiver, body);
        assertThat(delivered.path("id").asText()).as("broadcast message id").isEqualTo(stored.path("id").asText());
        Scene.awaitMessage(senderOtherSocket, body);
        String sentinel = Scene.marker("reply");
        Scene.send(receiver, conversation, sentinel);
        Scene.awaitMessage(sender, sentinel);
        assertThat(sender.received("message", m -> body.equals(m.path("body").asText())))
                .as("the sending socket's own message echoed back to it").isEmpty();
    }

    @Test
    @Clause(id = "5.4", check = POSITIVE)
    @Clause(id = "5.4", check = NEGATIVE)
    @DisplayName("§5.4 typing acks {} and broadcasts {conversationId, userId, isTyping} to the room but the sender")
    void typing_is_broadcast(Target target) {
        target.assumeSupported(Feature.TYPING);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket typist = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        JsonNode ack = typist.ok("typing", Json.object("conversationId", conversation, "isTyping", true));
        assertThat(ack.isObject()).as("typing ack data " + Json.brief(ack)).isTrue();
        JsonNode typing = watcher.await("typing", t -> scene.a0.userId().equals(t.path("userId").asText()), "typing of a0");
        assertThat(typing.path("isTyping").asBoolean(false)).isTrue();
        assertThat(typing.path("conversationId").asText()).isEqualTo(conversation);
        typist.ok("typing", Json.object("conversationId", conversation, "isTyping", false));
        JsonNode stopped = watcher.await("typing", t -> !t.path("isTyping").asBoolean(true), "typing stopped");
        assertThat(stopped.path("userId").asText()).isEqualTo(scene.a0.userId());
        String sentinel = Scene.marker("sentinel");
        Scene.send(watcher, conversation, sentinel);
        Scene.awaitMessage(typist, sentinel);
        assertThat(typist.received("typing")).as("typing echoed to the typing socket").isEmpty();
    }

    @Test
    @Clause(id = "5.5", check = POSITIVE)
    @Clause(id = "5.5", check = NEGATIVE)
    @DisplayName("§5.5 message-read acks the reader's Receipt and broadcasts it to the room but the reading socket")
    void message_read_is_broadcast(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        ChatSocket reader = scene.joined(scene.a1, conversation);
        String messageId = Scene.send(author, conversation, "read me").path("id").asText();
        JsonNode receipt = reader.ok("message-read", Json.object("conversationId", conversation, "messageId", messageId));
        assertThat(receipt.path("userId").asText()).as("userId of the receipt: the reader").isEqualTo(scene.a1.userId());
        assertThat(receipt.path("messageId").asText()).isEqualTo(messageId);
        assertThat(receipt.path("conversationId").asText()).isEqualTo(conversation);
        JsonNode seen = author.await("message-read", r -> messageId.equals(r.path("messageId").asText()), "message-read");
        assertThat(seen.path("userId").asText()).isEqualTo(scene.a1.userId());
        String sentinel = Scene.marker("sentinel");
        Scene.send(author, conversation, sentinel);
        Scene.awaitMessage(reader, sentinel);
        assertThat(reader.received("message-read")).as("the receipt echoed to the reading socket").isEmpty();
    }

    @Test
    @Clause(id = "5.6", check = POSITIVE)
    @Clause(id = "5.6", check = NEGATIVE)
    @DisplayName("§5.6 message-edited acks and stores the edited Message (editedAt set, seq kept) and broadcasts it but to the editor")
    void message_edited_is_broadcast(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        JsonNode original = Scene.send(author, conversation, "first draft");
        String messageId = original.path("id").asText();
        JsonNode edited = author.ok("message-edited", Json.object("conversationId", conversation, "messageId", messageId,
                "body", "second draft"));
        assertThat(edited.path("body").asText()).isEqualTo("second draft");
        assertThat(edited.path("editedAt").isTextual()).as("editedAt after an edit: " + Json.brief(edited)).isTrue();
        assertThat(edited.path("seq").asLong()).as("seq is kept by an edit").isEqualTo(original.path("seq").asLong());
        JsonNode seen = watcher.await("message-edited", m -> messageId.equals(m.path("id").asText()), "message-edited");
        assertThat(seen.path("body").asText()).isEqualTo("second draft");
        JsonNode stored = target.api().messagesById(scene.a1, conversation).get(messageId);
        assertThat(stored.path("body").asText()).as("body read back after the edit").isEqualTo("second draft");
        String sentinel = Scene.marker("sentinel");
        Scene.send(watcher, conversation, sentinel);
        Scene.awaitMessage(author, sentinel);
        assertThat(author.received("message-edited")).as("the edit echoed to the editing socket").isEmpty();
    }

    @Test
    @Clause(id = "5.7", check = POSITIVE)
    @Clause(id = "5.7", check = NEGATIVE)
    @DisplayName("§5.7 message-deleted acks the Deletion and broadcasts it to the room but the deleting socket")
    void message_deleted_is_broadcast(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket author = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        String messageId = Scene.send(author, conversation, "regret").path("id").asText();
        JsonNode deletion = author.ok("message-deleted", Json.object("conversationId", conversation, "messageId", messageId));
        assertThat(deletion.path("messageId").asText()).isEqualTo(messageId);
        assertThat(deletion.path("conversationId").asText()).isEqualTo(conversation);
        assertThat(deletion.path("by").asText()).isEqualTo(scene.a0.userId());
        watcher.await("message-deleted", d -> messageId.equals(d.path("messageId").asText()), "message-deleted");
        String sentinel = Scene.marker("sentinel");
        Scene.send(watcher, conversation, sentinel);
        Scene.awaitMessage(author, sentinel);
        assertThat(author.received("message-deleted")).as("the deletion echoed to the deleting socket").isEmpty();
    }

    @Test
    @Clause(id = "5.8", check = POSITIVE)
    @Clause(id = "5.8", check = NEGATIVE)
    @Clause(id = "6.6", check = POSITIVE)
    @Clause(id = "6.6", check = NEGATIVE)
    @DisplayName("§5.8 presence-update acks the Presence and reaches contacts only")
    void presence_update_reaches_contacts(Target target) {
        target.assumeSupported(Feature.PRESENCE);
        Scene scene = new Scene(target);
        scene.conversation(scene.a0, scene.a1);
        ChatSocket contact = target.connect(scene.a1);
        ChatSocket stranger = target.connect(scene.a2);
        ChatSocket self = target.connect(scene.a0);
        String status = Scene.marker("in a meeting");
        JsonNode presence = self.ok("presence-update", Json.object("status", "busy", "statusText", status));
        assertThat(presence.path("status").asText()).isEqualTo("busy");
        assertThat(presence.path("statusText").asText()).isEqualTo(status);
        assertThat(presence.path("userId").asText()).isEqualTo(scene.a0.userId());
        JsonNode seen = contact.await("presence-update", p -> status.equals(p.path("statusText").asText()),
                "a0's presence-update");
        assertThat(seen.path("userId").asText()).isEqualTo(scene.a0.userId());
        assertThat(seen.path("status").asText()).isEqualTo("busy");
        JsonNode unknown = self.ack("presence-update", Json.object("status", "invisible"));
        assertThat(unknown.path("error").path("code").asText()).as("presence-update with a status outside online, away,"
                + " busy: " + Json.brief(unknown)).isEqualTo("invalid_payload");
        // The stranger shares no conversation with a0; the sentinel is one that now makes them contacts.
        String sentinel = scene.conversation(scene.a1, scene.a2);
        stranger.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "conversation-created");
        assertThat(stranger.received("presence-update", p -> scene.a0.userId().equals(p.path("userId").asText())))
                .as("a0's presence-update at " + scene.a2 + ", who shares no conversation with a0").isEmpty();
    }
}
