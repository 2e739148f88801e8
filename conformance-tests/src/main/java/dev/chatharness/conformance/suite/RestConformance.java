package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.RateLimitSpec;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§10 REST")
@Order(10)
@ExtendWith(TargetExtension.class)
class RestConformance {

    /** The most a page may hold, by §10.7. */
    private static final int MAX_LIMIT = 100;

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "10.1", check = POSITIVE)
    @Clause(id = "10.3", check = POSITIVE)
    @Clause(id = "10.3", check = NEGATIVE)
    @DisplayName("§10.1 POST /conversations answers 201 with the Conversation, creator included; GET /conversations/{id}"
            + " returns it as it is now, to participants only")
    void create_and_get_conversation(Target target) {
        Scene scene = new Scene(target);
        JsonNode created = target.api().createConversation(scene.a0, "team", scene.a1);
        assertThat(created.path("participantIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        assertThat(created.path("title").asText()).isEqualTo("team");
        assertThat(created.path("createdBy").asText()).isEqualTo(scene.a0.userId());
        String id = created.path("id").asText();
        JsonNode fetched = target.api().getConversation(scene.a1, id);
        assertThat(fetched.path("id").asText()).isEqualTo(id);
        assertThat(fetched.path("createdAt").asText()).isEqualTo(created.path("createdAt").asText());
        assertThat(target.api().tryGetConversation(scene.a2, id).status())
                .as("GET by " + scene.a2 + ", who takes no part").isEqualTo(404);
        // GET answers the conversation as it is now, not as it was first read.
        String title = Scene.marker("renamed");
        target.api().renameConversation(scene.a0, id, title);
        target.api().addParticipant(scene.a0, id, scene.a2);
        JsonNode now = target.api().getConversation(scene.a1, id);
        assertThat(now.path("title").asText()).as("title read back after a rename").isEqualTo(title);
        assertThat(now.path("participantIds")).extracting(JsonNode::asText).as("participants read back after an addition")
                .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId(), scene.a2.userId());
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "10.1", check = NEGATIVE)
    @DisplayName("§10.1 The creator is listed once when also named in participantIds; a repeated id is refused or listed once")
    void creator_is_always_a_participant_once(Target target) {
        Scene scene = new Scene(target);
        JsonNode created = ChatApi.expect(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("title",
                "named", "participantIds", Json.MAPPER.createArrayNode().add(scene.a1.userId()).add(scene.a0.userId()))),
                201, "conversation.json");
        assertThat(created.path("participantIds")).extracting(JsonNode::asText).as("participantIds of " + Json.brief(created))
                .containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        // The request schema asks for unique ids; a target may refuse a repeat, or take it once, never twice.
        RestResponse repeated = target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("title", "dupes",
                "participantIds", Json.MAPPER.createArrayNode().add(scene.a1.userId()).add(scene.a1.userId())));
        if (repeated.status() == 400) {
            assertThat(repeated.errorCode()).as(repeated.describe()).isEqualTo("invalid_payload");
        } else {
            assertThat(ChatApi.expect(repeated, 201, "conversation.json").path("participantIds")).extracting(JsonNode::asText)
                    .as(repeated.describe()).containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        }
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "10.2", check = POSITIVE)
    @Clause(id = "10.2", check = NEGATIVE)
    @DisplayName("§10.2 GET /conversations lists exactly the caller's conversations")
    void list_contains_only_mine(Target target) {
        Scene scene = new Scene(target);
        String mine = scene.conversation(scene.a0, scene.a1);
        String alsoMine = scene.conversation(scene.a1, scene.a0);
        String notMine = scene.conversation(scene.a1, scene.a2);
        List<String> ids = new ArrayList<>();
        target.api().listConversations(scene.a0).path("items").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).as("conversations listed for " + scene.a0).containsExactlyInAnyOrder(mine, alsoMine);
        assertThat(ids).doesNotContain(notMine);
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "10.4", check = POSITIVE)
    @Clause(id = "10.4", check = NEGATIVE)
    @DisplayName("§10.4 PATCH /conversations/{id} renames it for participants; a non-participant's PATCH is 404 and changes nothing")
    void rename_is_for_participants(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String title = Scene.marker("renamed");
        JsonNode renamed = target.api().renameConversation(scene.a1, conversation, title);
        assertThat(renamed.path("title").asText()).isEqualTo(title);
        assertThat(renamed.path("updatedAt").asText()).as("updatedAt after the rename")
                .isGreaterThanOrEqualTo(renamed.path("createdAt").asText());
        RestResponse outsider = target.api().tryRenameConversation(scene.a2, conversation, "hijacked");
        assertThat(outsider.status()).as(outsider.describe() + " by " + scene.a2).isEqualTo(404);
        assertThat(target.api().getConversation(scene.a0, conversation).path("title").asText())
                .as("title after the outsider's PATCH").isEqualTo(title);
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "10.5", check = POSITIVE)
    @Clause(id = "10.6", check = POSITIVE)
    @DisplayName("§10.5 POST .../participants answers 200 with the Conversation; DELETE .../participants/{userId} answers 204")
    void add_and_remove_participant(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        JsonNode added = target.api().addParticipant(scene.a0, conversation, scene.a2);
        assertThat(added.path("participantIds")).extracting(JsonNode::asText).contains(scene.a2.userId());
        target.api().getConversation(scene.a2, conversation);
        target.api().removeParticipant(scene.a0, conversation, scene.a2);
        assertThat(target.api().tryGetConversation(scene.a2, conversation).status())
                .as("GET by the removed participant").isEqualTo(404);
        assertThat(target.api().getConversation(scene.a0, conversation).path("participantIds"))
                .extracting(JsonNode::asText).doesNotContain(scene.a2.userId());
    }

    @Test
    @Tag(ConformanceTags.AUTHORIZATION)
    @Clause(id = "10.5", check = NEGATIVE)
    @Clause(id = "10.6", check = NEGATIVE)
    @DisplayName("§10.5 Adding a participant twice lists them once; a non-participant can neither add nor remove anyone")
    void participant_changes_keep_the_list_true(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        target.api().addParticipant(scene.a0, conversation, scene.a2);
        JsonNode again = target.api().addParticipant(scene.a1, conversation, scene.a2);
        assertThat(again.path("participantIds")).extracting(JsonNode::asText).as("participantIds after adding "
                + scene.a2 + " twice").containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId(), scene.a2.userId());
        String other = scene.conversation(scene.a0, scene.a1);
        RestResponse add = target.api().tryAddParticipant(scene.a2, other, scene.a2.userId());
        assertThat(add.status()).as(add.describe() + " by " + scene.a2 + ", who takes no part").isEqualTo(404);
        RestResponse remove = target.api().tryRemoveParticipant(scene.a2, other, scene.a1.userId());
        assertThat(remove.status()).as(remove.describe() + " by " + scene.a2 + ", who takes no part").isEqualTo(404);
        assertThat(target.api().getConversation(scene.a0, other).path("participantIds")).extracting(JsonNode::asText)
                .as("participants after the outsider's attempts").containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "10.8", check = POSITIVE)
    @Clause(id = "10.9", check = POSITIVE)
    @Clause(id = "10.10", check = POSITIVE)
    @Clause(id = "10.11", check = POSITIVE)
    @DisplayName("§10.8 POST .../messages 201, PATCH .../messages/{mid} 200, POST .../read 200 Receipt, DELETE 204")
    void message_endpoints_answer_per_contract(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        JsonNode posted = target.api().postMessage(scene.a0, conversation, "over rest");
        String id = posted.path("id").asText();
        JsonNode edited = target.api().editMessage(scene.a0, conversation, id, "edited over rest");
        assertThat(edited.path("body").asText()).isEqualTo("edited over rest");
        assertThat(edited.path("editedAt").isTextual()).as("editedAt after PATCH: " + Json.brief(edited)).isTrue();
        assertThat(target.api().messagesById(scene.a1, conversation).get(id).path("body").asText())
                .as("body read back after PATCH").isEqualTo("edited over rest");
        JsonNode receipt = target.api().markRead(scene.a1, conversation, id);
        assertThat(receipt.path("userId").asText()).isEqualTo(scene.a1.userId());
        assertThat(receipt.path("messageId").asText()).isEqualTo(id);
        target.api().deleteMessage(scene.a0, conversation, id);
    }

    @Test
    @Tag(ConformanceTags.DELIVERY)
    @Clause(id = "10.7", check = POSITIVE)
    @Clause(id = "10.7", check = NEGATIVE)
    @DisplayName("§10.7 GET .../messages returns, by seq, only messages after afterSeq, at most limit of them")
    void message_list_limit(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        for (int i = 0; i < 5; i++) {
            target.api().postMessage(scene.a0, conversation, "m" + i);
        }
        RestResponse hundred = target.api().tryListMessages(scene.a0, conversation, 0, MAX_LIMIT);
        assertThat(ChatApi.expect(hundred, 200, "message-list.json").path("items")).hasSize(5);
        assertThat(target.api().listMessages(scene.a0, conversation, 0, 1).path("items"))
                .extracting(m -> m.path("seq").asLong()).as("afterSeq=0&limit=1").containsExactly(1L);
        assertThat(target.api().listMessages(scene.a0, conversation, 2, 2).path("items"))
                .extracting(m -> m.path("seq").asLong()).as("afterSeq=2&limit=2").containsExactly(3L, 4L);
        assertThat(target.api().listMessages(scene.a0, conversation, 5, 10).path("items"))
                .as("afterSeq=5 (the last seq)").isEmpty();
    }

    @Test
    @Tag(ConformanceTags.DELIVERY)
    @Clause(id = "10.7", check = BOUNDARY)
    @DisplayName("§10.7 With 101 messages, limit=100 returns exactly 100; limit=101 is refused (400) or served as 100, never more")
    void message_list_limit_holds_at_one_hundred(Target target) {
        target.minter("fresh users: 101 messages would drain the budget the pre-issued users share with every test");
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1, scene.a2);
        List<ChatSocket> senders = List.of(scene.joined(scene.a0, conversation), scene.joined(scene.a1, conversation),
                scene.joined(scene.a2, conversation));
        fill(target, senders, conversation, MAX_LIMIT + 1);
        JsonNode page = target.api().listMessages(scene.a0, conversation, 0, MAX_LIMIT);
        assertThat(page.path("items")).as("items of limit=100 over 101 messages").hasSize(MAX_LIMIT);
        assertThat(page.path("items").get(MAX_LIMIT - 1).path("seq").asLong()).as("seq of the 100th item").isEqualTo(100L);
        RestResponse over = target.api().tryListMessages(scene.a0, conversation, 0, MAX_LIMIT + 1);
        if (over.status() == 200) {
            assertThat(over.body().path("items").size()).as(over.describe() + " served").isLessThanOrEqualTo(MAX_LIMIT);
        } else {
            assertThat(over.status()).as(over.describe()).isEqualTo(400);
            assertThat(over.errorCode()).as(over.describe()).isEqualTo("invalid_payload");
        }
    }

    /** Stores {@code count} messages as fast as the senders' declared buckets allow. */
    private static void fill(Target target, List<ChatSocket> senders, String conversation, int count) {
        RateLimitSpec limit = target.profile().messageRate();
        double seconds = Math.max(0, count - senders.size() * limit.capacity()) / (senders.size() * limit.refillPerSecond());
        Assumptions.assumeTrue(seconds <= 20, "the declared message rate (" + limit + ") would take " + Math.round(seconds)
                + " s to store " + count + " messages with " + senders.size() + " users");
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger perRound = new AtomicInteger(limit.capacity()); // a full bucket first, then what refills
        await("storing " + count + " messages within the declared rate limits")
                .atMost(target.profile().eventTimeout().plusSeconds((long) Math.ceil(seconds)))
                .pollInterval(Duration.ofMillis((long) Math.ceil(1000 / limit.refillPerSecond())))
                .until(() -> {
                    List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
                    for (ChatSocket sender : senders) {
                        int room = Math.min(perRound.get(), count - stored.get() - acks.size());
                        for (int i = 0; i < room; i++) {
                            acks.add(sender.emitAsync("message", Json.object("conversationId", conversation,
                                    "body", "page " + (stored.get() + acks.size()))));
                        }
                    }
                    for (CompletableFuture<JsonNode> ack : acks) {
                        if (senders.get(0).join(ack, "a fill message's ack").path("ok").asBoolean()) {
                            stored.incrementAndGet();
                        }
                    }
                    perRound.set(2);
                    return stored.get() >= count;
                });
    }
}
