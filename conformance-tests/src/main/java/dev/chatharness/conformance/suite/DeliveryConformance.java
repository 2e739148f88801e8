package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
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
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§8 Delivery")
@Tag(ConformanceTags.DELIVERY)
@Order(8)
@ExtendWith(TargetExtension.class)
class DeliveryConformance {

    /** Below the reference burst of 20, so rate limits never interfere. */
    private static final int BURST = 12;

    @Test
    @Clause(id = "8.1", check = POSITIVE)
    @Clause(id = "8.1", check = BOUNDARY)
    @DisplayName("§8.1 seq starts at 1 in each conversation and grows by 1 per accepted message (socket and REST alike)")
    void seq_starts_at_one_and_grows_by_one(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        List<Long> seqs = new ArrayList<>();
        seqs.add(Scene.send(socket, conversation, "one").path("seq").asLong());
        seqs.add(target.api().postMessage(scene.a1, conversation, "two").path("seq").asLong());
        seqs.add(Scene.send(socket, conversation, "three").path("seq").asLong());
        assertThat(seqs).as("seq of three accepted messages").containsExactly(1L, 2L, 3L);
        String other = scene.conversation(scene.a0, scene.a1);
        assertThat(Scene.send(socket, other, "first elsewhere").path("seq").asLong())
                .as("seq of the first message of another conversation").isEqualTo(1L);
    }

    @Test
    @Clause(id = "8.1", check = NEGATIVE)
    @Clause(id = "8.4", check = NEGATIVE)
    @DisplayName("§8.1 A refused message (bad payload, over the rate limit) takes no seq and is not stored: seqs stay contiguous")
    void refused_messages_take_no_seq(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        assertThat(Scene.send(socket, conversation, "first").path("seq").asLong()).isEqualTo(1L);
        socket.error("message", Json.object("conversationId", conversation, "body", ""));
        socket.error("message", Json.object("conversationId", conversation, "body", "x".repeat(4001)));
        assertThat(Scene.send(socket, conversation, "second").path("seq").asLong())
                .as("seq of the message after two refused ones").isEqualTo(2L);
        long accepted = 2;
        // Only fresh users have a known budget: pre-issued users are shared by every test of the run.
        if (target.profile().mintsTokens() && !target.profile().unsupported().contains(Feature.RATE_LIMIT)) {
            Burst burst = Burst.messages(List.of(socket), conversation, 2 * target.profile().messageRate().capacity() + 5);
            assertThat(burst.refused()).as("rate-limited messages in a burst (" + burst.summary() + ")").isNotEmpty();
            accepted += burst.accepted();
            // One more once the bucket has refilled: a refused message that took a seq would show as a gap before it.
            JsonNode after = Burst.onceAccepted(target, socket, conversation, "after the refusals");
            accepted++;
            assertThat(after.path("seq").asLong()).as("seq of the first message accepted after " + burst.refused().size()
                    + " refused ones (" + (accepted - 1) + " accepted before)").isEqualTo(accepted);
        }
        JsonNode stored = target.api().listMessages(scene.a1, conversation, 0, 100).path("items");
        List<Long> seqs = new ArrayList<>();
        stored.forEach(m -> seqs.add(m.path("seq").asLong()));
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= accepted; seq++) {
            expected.add(seq);
        }
        assertThat(seqs).as("seqs stored after accepted and refused messages (" + accepted + " accepted)")
                .containsExactlyElementsOf(expected);
    }

    @Test
    @Clause(id = "8.2", check = POSITIVE)
    @Clause(id = "8.2", check = NEGATIVE)
    @DisplayName("§8.2 Every socket in the room receives message events in seq order, each exactly once")
    void every_socket_receives_messages_in_seq_order_once(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1, scene.a2);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        List<ChatSocket> receivers = List.of(scene.joined(scene.a1, conversation), scene.joined(scene.a1, conversation),
                scene.joined(scene.a2, conversation));
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            acks.add(sender.emitAsync("message", Json.object("conversationId", conversation, "body", "burst " + i)));
        }
        for (CompletableFuture<JsonNode> ack : acks) {
            JsonNode answer = sender.join(ack, "ack of a burst message");
            assertThat(answer.path("ok").asBoolean()).as("ack within the burst: " + Json.brief(answer)).isTrue();
        }
        String sentinel = Scene.marker("last");
        Scene.send(sender, conversation, sentinel);
        for (ChatSocket receiver : receivers) {
            Scene.awaitMessage(receiver, sentinel);
            List<Long> seqs = receiver.received("message", m -> conversation.equals(m.path("conversationId").asText()))
                    .stream().map(m -> m.path("seq").asLong()).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= BURST + 1; s++) {
                expected.add(s);
            }
            assertThat(seqs).as("seq of the message events received by " + receiver + ", in arrival order")
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    @Clause(id = "8.3", check = POSITIVE)
    @Clause(id = "8.3", check = NEGATIVE)
    @Clause(id = "10.8", check = NEGATIVE)
    @DisplayName("§8.3 A repeated clientMessageId (same sender, same conversation) returns the original and is not broadcast"
            + " again; another sender's or another conversation's is a new message")
    void repeated_client_message_id_is_idempotent(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket receiver = scene.joined(scene.a1, conversation);
        String key = Scene.marker("client-key");
        JsonNode first = sender.ok("message", Json.object("conversationId", conversation, "body", "once", "clientMessageId", key));
        JsonNode again = sender.ok("message", Json.object("conversationId", conversation, "body", "once", "clientMessageId", key));
        assertThat(again.path("id").asText()).as("id of the repeat (original " + Json.brief(first) + ")")
                .isEqualTo(first.path("id").asText());
        assertThat(again.path("seq").asLong()).as("seq of the repeat").isEqualTo(first.path("seq").asLong());
        assertThat(first.path("clientMessageId").asText()).isEqualTo(key);
        RestResponse viaRest = target.api().tryPostMessage(scene.a0, conversation, "once", key);
        JsonNode restRepeat = PayloadSchemas.bundled().require("message.json", viaRest.body());
        assertThat(viaRest.status()).as(viaRest.describe() + " (a repeat answers 200)").isEqualTo(200);
        assertThat(restRepeat.path("id").asText()).isEqualTo(first.path("id").asText());
        String sentinel = Scene.marker("after-repeat");
        Scene.send(sender, conversation, sentinel);
        Scene.awaitMessage(receiver, sentinel);
        assertThat(receiver.received("message", m -> key.equals(m.path("clientMessageId").asText())))
                .as("broadcasts of the message with clientMessageId " + key).hasSize(1);
        JsonNode stored = target.api().listMessages(scene.a1, conversation, 0, 100).path("items");
        assertThat(stored).as("stored messages (one original, one sentinel)").hasSize(2);
        JsonNode otherSender = scene.joined(scene.a1, conversation).ok("message",
                Json.object("conversationId", conversation, "body", "mine", "clientMessageId", key));
        assertThat(otherSender.path("id").asText()).as("the same clientMessageId from another sender is a new message")
                .isNotEqualTo(first.path("id").asText());
        String elsewhere = scene.conversation(scene.a0, scene.a1);
        JsonNode otherConversation = scene.joined(scene.a0, elsewhere).ok("message",
                Json.object("conversationId", elsewhere, "body", "elsewhere", "clientMessageId", key));
        assertThat(otherConversation.path("conversationId").asText())
                .as("the same clientMessageId by the same sender in another conversation is a message of that conversation: "
                        + Json.brief(otherConversation)).isEqualTo(elsewhere);
        assertThat(otherConversation.path("body").asText()).isEqualTo("elsewhere");
        assertThat(otherConversation.path("seq").asLong()).as("seq of the first message of the other conversation").isEqualTo(1L);
    }

    @Test
    @Clause(id = "8.4", check = POSITIVE)
    @DisplayName("§8.4 An ok ack means the message is stored: GET .../messages returns it at once, by seq, paged by afterSeq and limit")
    void acked_messages_are_stored_and_paged(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        for (int i = 1; i <= 5; i++) {
            JsonNode message = Scene.send(socket, conversation, "stored " + i);
            JsonNode page = target.api().listMessages(scene.a1, conversation, message.path("seq").asLong() - 1, 100);
            assertThat(page.path("items")).as("GET right after the ok ack of seq " + message.path("seq")).isNotEmpty();
            assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(message.path("id").asText());
        }
        JsonNode page = target.api().listMessages(scene.a1, conversation, 1, 2);
        assertThat(page.path("items")).extracting(m -> m.path("seq").asLong()).as("afterSeq=1&limit=2")
                .containsExactly(2L, 3L);
        JsonNode all = target.api().listMessages(scene.a1, conversation, 0, 100);
        assertThat(all.path("items")).extracting(m -> m.path("seq").asLong()).as("afterSeq=0&limit=100")
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
