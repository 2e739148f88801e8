package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§6 Server-to-client events")
@Tag(ConformanceTags.EVENTS)
@Order(6)
@ExtendWith(TargetExtension.class)
class ServerEventsConformance {

    @Test
    @DisplayName("§6 Room events reach only the sockets that joined the conversation")
    void room_events_reach_joined_sockets_only(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket notJoined = target.connect(scene.a1);
        String body = Scene.marker("room-only");
        Scene.send(sender, conversation, body);
        target.api().renameConversation(scene.a0, conversation, "sentinel " + Scene.shortId());
        notJoined.await("conversation-updated", c -> conversation.equals(c.path("id").asText()), "conversation-updated");
        assertThat(notJoined.received("message")).as("room messages at a socket that did not join").isEmpty();
    }

    @Test
    @DisplayName("§6 conversation-created reaches every connected socket of every participant, joined or not")
    void conversation_created_reaches_all_participant_sockets(Target target) {
        Scene scene = new Scene(target);
        ChatSocket creator = target.connect(scene.a0);
        ChatSocket first = target.connect(scene.a1);
        ChatSocket second = target.connect(scene.a1);
        JsonNode created = target.api().createConversation(scene.a0, "new", scene.a1);
        String id = created.path("id").asText();
        for (ChatSocket socket : List.of(creator, first, second)) {
            JsonNode event = socket.await("conversation-created", c -> id.equals(c.path("id").asText()), "conversation-created");
            assertThat(event.path("participantIds")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        }
    }

    @Test
    @DisplayName("§6 conversation-updated reaches every participant when the title changes")
    void conversation_updated_reaches_participants(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket other = target.connect(scene.a1);
        String title = Scene.marker("title");
        JsonNode renamed = target.api().renameConversation(scene.a0, conversation, title);
        assertThat(renamed.path("title").asText()).isEqualTo(title);
        JsonNode event = other.await("conversation-updated", c -> conversation.equals(c.path("id").asText()),
                "conversation-updated");
        assertThat(event.path("title").asText()).isEqualTo(title);
    }

    @Test
    @DisplayName("§6 participant-added and participant-removed reach every participant, the added or removed user included")
    void participant_changes_reach_everyone_involved(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket member = target.connect(scene.a1);
        ChatSocket newcomer = target.connect(scene.a2);
        target.api().addParticipant(scene.a0, conversation, scene.a2);
        for (ChatSocket socket : List.of(member, newcomer)) {
            JsonNode added = socket.await("participant-added", p -> conversation.equals(p.path("conversationId").asText()),
                    "participant-added");
            assertThat(added.path("userId").asText()).isEqualTo(scene.a2.userId());
            assertThat(added.path("by").asText()).isEqualTo(scene.a0.userId());
        }
        target.api().removeParticipant(scene.a0, conversation, scene.a2);
        for (ChatSocket socket : List.of(member, newcomer)) {
            JsonNode removed = socket.await("participant-removed",
                    p -> conversation.equals(p.path("conversationId").asText()), "participant-removed");
            assertThat(removed.path("userId").asText()).isEqualTo(scene.a2.userId());
        }
    }

    @Test
    @DisplayName("§6 user-online when a user's first socket connects, user-offline when the last one goes, to contacts")
    void online_and_offline_follow_the_first_and_last_socket(Target target) {
        target.assumeSupported(Feature.PRESENCE);
        Scene scene = new Scene(target);
        scene.conversation(scene.a0, scene.a1);
        ChatSocket contact = target.connect(scene.a1);
        String a0 = scene.a0.userId();
        ChatSocket first = target.connect(scene.a0);
        contact.await("user-online", u -> a0.equals(u.path("userId").asText()), "user-online of a0");
        ChatSocket second = target.connect(scene.a0);
        first.close();
        String marker = Scene.marker("still-here");
        second.ok("presence-update", Json.object("status", "online", "statusText", marker));
        contact.await("presence-update", p -> marker.equals(p.path("statusText").asText()), "a0's presence-update");
        assertThat(contact.received("user-online", u -> a0.equals(u.path("userId").asText())))
                .as("user-online events for a0 (second socket must not repeat it)").hasSize(1);
        assertThat(contact.received("user-offline", u -> a0.equals(u.path("userId").asText())))
                .as("user-offline for a0 while a0 still has a socket").isEmpty();
        second.close();
        contact.await("user-offline", u -> a0.equals(u.path("userId").asText()), "user-offline of a0 after its last socket",
                target.profile().eventTimeout().plus(Duration.ofSeconds(1)));
    }

    @Test
    @DisplayName("§6/§10 Changes made over REST are broadcast to the room: message, message-edited, message-deleted, message-read")
    void rest_changes_are_broadcast(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket authorSocket = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        String body = Scene.marker("via-rest");
        JsonNode posted = target.api().postMessage(scene.a0, conversation, body);
        String id = posted.path("id").asText();
        Scene.awaitMessage(watcher, body);
        // REST has no "sending socket": the whole room gets it, the author's sockets included (§10).
        Scene.awaitMessage(authorSocket, body);
        target.api().editMessage(scene.a0, conversation, id, body + " (edited)");
        watcher.await("message-edited", m -> id.equals(m.path("id").asText()), "message-edited");
        target.api().markRead(scene.a1, conversation, id);
        authorSocket.await("message-read", r -> id.equals(r.path("messageId").asText()), "message-read");
        target.api().deleteMessage(scene.a0, conversation, id);
        watcher.await("message-deleted", d -> id.equals(d.path("messageId").asText()), "message-deleted");
    }
}
