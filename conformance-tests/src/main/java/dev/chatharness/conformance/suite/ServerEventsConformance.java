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
import dev.chatharness.conformance.harness.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who receives each server event, and who must not: for every event a socket that must get it and, on the same path,
 * sockets that must not (a participant's socket that did not join, a non-participant of the tenant, the same subs in
 * another tenant), each proven empty once a later sentinel has reached it.
 */
@DisplayName("§6 Server-to-client events")
@Tag(ConformanceTags.EVENTS)
@Order(6)
@ExtendWith(TargetExtension.class)
class ServerEventsConformance {

    /**
     * How long a server gets to act on a socket's close before an event it should not send is taken as absent:
     * a server answers a close it has received within milliseconds; the margin is for a loaded machine.
     */
    private static final Duration CLOSE_SETTLES = Duration.ofSeconds(1);

    private static final List<String> ROOM_EVENTS = List.of("message", "typing", "message-read", "message-edited",
            "message-deleted");

    @Test
    @Clause(id = "6.1", check = POSITIVE)
    @Clause(id = "6.1", check = NEGATIVE)
    @DisplayName("§6.1 Room events reach the sockets that joined, and no others: not a participant's socket that did not"
            + " join, not a non-participant's")
    void room_events_reach_joined_sockets_only(Target target) {
        Scene scene = new Scene(target);
        User outsider = scene.outsider();
        String conversation = scene.conversation(scene.a0, scene.a1, scene.a2);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket joined = scene.joined(scene.a1, conversation);
        ChatSocket notJoined = target.connect(scene.a1);
        ChatSocket otherNotJoined = target.connect(scene.a2);
        ChatSocket stranger = target.connect(outsider);
        boolean typing = !target.profile().unsupported().contains(Feature.TYPING);
        String body = Scene.marker("room-only");
        String messageId = Scene.send(sender, conversation, body).path("id").asText();
        if (typing) {
            sender.ok("typing", Json.object("conversationId", conversation, "isTyping", true));
        }
        joined.ok("message-read", Json.object("conversationId", conversation, "messageId", messageId));
        sender.ok("message-edited", Json.object("conversationId", conversation, "messageId", messageId, "body", body + "!"));
        sender.ok("message-deleted", Json.object("conversationId", conversation, "messageId", messageId));
        Scene.awaitMessage(joined, body);
        if (typing) {
            joined.await("typing", t -> conversation.equals(t.path("conversationId").asText()), "typing");
        }
        sender.await("message-read", r -> messageId.equals(r.path("messageId").asText()), "message-read");
        joined.await("message-edited", m -> messageId.equals(m.path("id").asText()), "message-edited");
        joined.await("message-deleted", d -> messageId.equals(d.path("messageId").asText()), "message-deleted");
        target.api().renameConversation(scene.a0, conversation, "sentinel " + Scene.shortId());
        for (ChatSocket socket : List.of(notJoined, otherNotJoined)) {
            socket.await("conversation-updated", c -> conversation.equals(c.path("id").asText()), "conversation-updated");
        }
        String strangerSentinel = scene.conversation(scene.a0, outsider);
        stranger.await("conversation-created", c -> strangerSentinel.equals(c.path("id").asText()), "the sentinel");
        for (ChatSocket socket : List.of(notJoined, otherNotJoined, stranger)) {
            for (String event : ROOM_EVENTS) {
                assertThat(socket.received(event, e -> conversation.equals(e.path("conversationId").asText())))
                        .as(event + " events at " + socket + ", which did not join the conversation").isEmpty();
            }
        }
    }

    @Test
    @Clause(id = "6.2", check = POSITIVE)
    @Clause(id = "6.2", check = NEGATIVE)
    @DisplayName("§6.2 conversation-created reaches every connected socket of every participant, joined or not, and nobody else")
    void conversation_created_reaches_all_participant_sockets(Target target) {
        Scene scene = new Scene(target);
        ChatSocket creator = target.connect(scene.a0);
        ChatSocket first = target.connect(scene.a1);
        ChatSocket second = target.connect(scene.a1);
        ChatSocket nonParticipant = target.connect(scene.a2);
        ChatSocket twin = target.connect(scene.b1);
        JsonNode created = target.api().createConversation(scene.a0, "new", scene.a1);
        String id = created.path("id").asText();
        for (ChatSocket socket : List.of(creator, first, second)) {
            JsonNode event = socket.await("conversation-created", c -> id.equals(c.path("id").asText()), "conversation-created");
            assertThat(event.path("participantIds")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        }
        String sentinelA = scene.conversation(scene.a0, scene.a2);
        String sentinelB = scene.conversation(scene.b0, scene.b1);
        nonParticipant.await("conversation-created", c -> sentinelA.equals(c.path("id").asText()), "the sentinel");
        twin.await("conversation-created", c -> sentinelB.equals(c.path("id").asText()), "tenant B's sentinel");
        for (ChatSocket socket : List.of(nonParticipant, twin)) {
            assertThat(socket.received("conversation-created", c -> id.equals(c.path("id").asText())))
                    .as("conversation-created of a conversation " + socket + " takes no part in").isEmpty();
        }
    }

    @Test
    @Clause(id = "6.3", check = POSITIVE)
    @Clause(id = "6.3", check = NEGATIVE)
    @DisplayName("§6.3 conversation-updated reaches every participant's sockets, joined or not, and nobody else")
    void conversation_updated_reaches_participants(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket other = target.connect(scene.a1);
        ChatSocket joined = scene.joined(scene.a1, conversation);
        ChatSocket nonParticipant = target.connect(scene.a2);
        String title = Scene.marker("title");
        JsonNode renamed = target.api().renameConversation(scene.a0, conversation, title);
        assertThat(renamed.path("title").asText()).isEqualTo(title);
        for (ChatSocket socket : List.of(other, joined)) {
            JsonNode event = socket.await("conversation-updated", c -> conversation.equals(c.path("id").asText()),
                    "conversation-updated");
            assertThat(event.path("title").asText()).isEqualTo(title);
        }
        String sentinel = scene.conversation(scene.a0, scene.a2);
        nonParticipant.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel");
        assertThat(nonParticipant.received("conversation-updated", c -> conversation.equals(c.path("id").asText())))
                .as("conversation-updated at " + scene.a2 + ", who takes no part").isEmpty();
    }

    @Test
    @Clause(id = "6.4", check = POSITIVE)
    @Clause(id = "6.4", check = NEGATIVE)
    @DisplayName("§6.4 participant-added and participant-removed reach every participant, the added or removed user included,"
            + " and nobody else")
    void participant_changes_reach_everyone_involved(Target target) {
        Scene scene = new Scene(target);
        User outsider = scene.outsider();
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket member = target.connect(scene.a1);
        ChatSocket newcomer = target.connect(scene.a2);
        ChatSocket stranger = target.connect(outsider);
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
            assertThat(removed.path("by").asText()).isEqualTo(scene.a0.userId());
        }
        String renamed = Scene.marker("after-removal");
        target.api().renameConversation(scene.a0, conversation, renamed);
        member.await("conversation-updated", c -> renamed.equals(c.path("title").asText()), "conversation-updated");
        String sentinel = scene.conversation(scene.a0, scene.a2, outsider);
        for (ChatSocket socket : List.of(newcomer, stranger)) {
            socket.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel");
        }
        for (String event : List.of("participant-added", "participant-removed")) {
            assertThat(stranger.received(event, p -> conversation.equals(p.path("conversationId").asText())))
                    .as(event + " at " + outsider + ", who takes no part").isEmpty();
        }
        assertThat(newcomer.received("conversation-updated", c -> conversation.equals(c.path("id").asText())))
                .as("conversation-updated at " + scene.a2 + " after their removal").isEmpty();
    }

    @Test
    @Clause(id = "6.5", check = POSITIVE)
    @Clause(id = "6.5", check = NEGATIVE)
    @DisplayName("§6.5 user-online when a user's first socket connects, user-offline when the last one goes, to contacts only")
    void online_and_offline_follow_the_first_and_last_socket(Target target) {
        target.assumeSupported(Feature.PRESENCE);
        Scene scene = new Scene(target);
        scene.conversation(scene.a0, scene.a1);
        ChatSocket contact = target.connect(scene.a1);
        ChatSocket stranger = target.connect(scene.a2);
        String a0 = scene.a0.userId();
        ChatSocket first = target.connect(scene.a0);
        JsonNode online = contact.await("user-online", u -> a0.equals(u.path("userId").asText()), "user-online of a0");
        assertThat(online.path("at").isTextual()).as("at of " + Json.brief(online)).isTrue();
        ChatSocket second = target.connect(scene.a0);
        first.close();
        String marker = Scene.marker("still-here");
        second.ok("presence-update", Json.object("status", "online", "statusText", marker));
        contact.await("presence-update", p -> marker.equals(p.path("statusText").asText()), "a0's presence-update");
        assertThat(contact.received("user-online", u -> a0.equals(u.path("userId").asText())))
                .as("user-online events for a0 (second socket must not repeat it)").hasSize(1);
        // The fence above orders the presence-update, not first's close, which travels on first's own connection:
        // a server that answers the close late would pass on the fence alone (seen against the Node target).
        contact.assertNone("user-offline", u -> a0.equals(u.path("userId").asText()),
                "no user-offline for a0 while a0 still has a socket", CLOSE_SETTLES);
        second.close();
        contact.await("user-offline", u -> a0.equals(u.path("userId").asText()), "user-offline of a0 after its last socket",
                target.profile().eventTimeout().plus(Duration.ofSeconds(1)));
        String sentinel = scene.conversation(scene.a1, scene.a2);
        stranger.await("conversation-created", c -> sentinel.equals(c.path("id").asText()), "the sentinel");
        assertThat(stranger.received(null, e -> a0.equals(e.path("userId").asText())))
                .as("user-online / user-offline of a0 at " + scene.a2 + ", who shares no conversation with a0").isEmpty();
    }

    @Test
    @Clause(id = "10.8", check = POSITIVE)
    @Clause(id = "10.9", check = POSITIVE)
    @Clause(id = "10.10", check = POSITIVE)
    @Clause(id = "10.11", check = POSITIVE)
    @DisplayName("§10.8 Changes made over REST are broadcast to the room: message, message-edited, message-deleted, message-read")
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
        JsonNode edited = watcher.await("message-edited", m -> id.equals(m.path("id").asText()), "message-edited");
        assertThat(edited.path("body").asText()).as("body of the broadcast edit").isEqualTo(body + " (edited)");
        target.api().markRead(scene.a1, conversation, id);
        JsonNode receipt = authorSocket.await("message-read", r -> id.equals(r.path("messageId").asText()), "message-read");
        assertThat(receipt.path("userId").asText()).as("reader in the broadcast receipt").isEqualTo(scene.a1.userId());
        target.api().deleteMessage(scene.a0, conversation, id);
        JsonNode deletion = watcher.await("message-deleted", d -> id.equals(d.path("messageId").asText()), "message-deleted");
        assertThat(deletion.path("by").asText()).as("by of the broadcast deletion").isEqualTo(scene.a0.userId());
    }
}
