package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.RateLimitSpec;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.harness.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bursts are sent without waiting for acks, so they take far less than a second; the bound on what
 * may be accepted is the declared burst plus what refills during the measured time, plus one. The boundary checks are
 * exact: a burst of the bucket's size is accepted whole, and the next event, sent before one refill interval has
 * passed, is refused.
 * These tests come last: with pre-issued tokens they leave the users' buckets empty for a while.
 */
@DisplayName("§9 Rate limits")
@Tag(ConformanceTags.RATELIMIT)
@Order(9)
@ExtendWith(TargetExtension.class)
class RateLimitConformance {

    @Test
    @Clause(id = "9.4", check = POSITIVE)
    @Clause(id = "9.3", check = POSITIVE)
    @Clause(id = "4.2", check = POSITIVE)
    @Clause(id = "4.2", check = NEGATIVE)
    @DisplayName("§9.4 Over the limit: ack rate_limited with retryAfterMs > 0, and the bound is the declared bucket")
    void over_the_limit_is_refused_with_retry_after(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        RateLimitSpec limit = target.profile().messageRate();
        Burst burst = Burst.messages(List.of(socket), conversation, 2 * limit.capacity() + 5);
        assertThat(burst.refused()).as("acks of " + burst.size() + " messages sent at once (" + burst.summary()
                + "), declared bucket " + limit).isNotEmpty();
        for (JsonNode refusal : burst.refused()) {
            assertThat(refusal.path("error").path("code").asText()).as(Json.brief(refusal)).isEqualTo("rate_limited");
            assertThat(refusal.path("error").path("retryAfterMs").asLong()).as("retryAfterMs of " + Json.brief(refusal))
                    .isPositive();
        }
        assertThat(burst.accepted()).as("messages accepted in " + burst.seconds() + " s with bucket " + limit)
                .isLessThanOrEqualTo(limit.maxAcceptedWithin(burst.seconds()) + 1);
    }

    @Test
    @Clause(id = "9.4", check = NEGATIVE)
    @DisplayName("§9.4 A rate-limited message is neither stored nor broadcast, and other users are unaffected")
    void refused_messages_are_neither_stored_nor_broadcast(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1, scene.a2);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        Burst burst = Burst.messages(List.of(sender), conversation, 2 * target.profile().messageRate().capacity() + 5);
        assertThat(burst.refused()).as("refusals in a burst of " + burst.size()).isNotEmpty();
        String sentinel = Scene.marker("other-user");
        Scene.send(scene.joined(scene.a2, conversation), conversation, sentinel);
        Scene.awaitMessage(watcher, sentinel);
        long broadcast = watcher.received("message", m -> scene.a0.userId().equals(m.path("senderId").asText())).size();
        assertThat(broadcast).as("a0's messages broadcast to " + scene.a1 + " (" + burst.summary() + ")")
                .isEqualTo(burst.accepted());
        JsonNode stored = target.api().listMessages(scene.a1, conversation, 0, 100).path("items");
        long storedFromSender = 0;
        for (JsonNode m : stored) {
            if (scene.a0.userId().equals(m.path("senderId").asText())) {
                storedFromSender++;
            }
        }
        assertThat(storedFromSender).as("a0's messages stored (" + burst.summary() + ")").isEqualTo(burst.accepted());
    }

    @Test
    @Clause(id = "9.1", check = POSITIVE)
    @DisplayName("§9.1 The limit is per user across all of that user's sockets")
    void limit_is_shared_by_all_sockets_of_a_user(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        List<ChatSocket> sockets = List.of(scene.joined(scene.a0, conversation), scene.joined(scene.a0, conversation),
                scene.joined(scene.a0, conversation));
        RateLimitSpec limit = target.profile().messageRate();
        Burst burst = Burst.messages(sockets, conversation, 3 * limit.capacity());
        assertThat(burst.accepted()).as("messages accepted over three sockets of one user in " + burst.seconds()
                + " s with bucket " + limit).isLessThanOrEqualTo(limit.maxAcceptedWithin(burst.seconds()) + 1);
    }

    @Test
    @Clause(id = "9.2", check = POSITIVE)
    @Clause(id = "9.2", check = NEGATIVE)
    @DisplayName("§9.2 The limit is unchanged by reconnecting")
    void reconnecting_does_not_reset_the_limit(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        RateLimitSpec limit = target.profile().messageRate();
        long start = System.nanoTime();
        ChatSocket first = scene.joined(scene.a0, conversation);
        Burst before = Burst.messages(List.of(first), conversation, limit.capacity() + 2);
        first.close();
        ChatSocket second = scene.joined(scene.a0, conversation);
        Burst after = Burst.messages(List.of(second), conversation, limit.capacity());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(before.accepted() + after.accepted()).as("messages accepted before (" + before.summary()
                        + ") and after (" + after.summary() + ") reconnecting, in " + seconds + " s with bucket " + limit)
                .isLessThanOrEqualTo(limit.maxAcceptedWithin(seconds) + 1);
    }

    @Test
    @Clause(id = "9.1", check = POSITIVE)
    @Clause(id = "9.5", check = POSITIVE)
    @Clause(id = "9.5", check = NEGATIVE)
    @DisplayName("§9.5 Sockets and REST share the limit; REST over it answers 429 with Retry-After, RateLimit and"
            + " RateLimit-Policy, and stores nothing")
    void rest_shares_the_limit_and_answers_429(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        RateLimitSpec limit = target.profile().messageRate();
        long start = System.nanoTime();
        Burst burst = Burst.messages(List.of(socket), conversation, limit.capacity());
        // Tokens keep refilling while REST requests go out, so send until one is refused rather than expect the first.
        RestResponse refused = null;
        int restAccepted = 0;
        for (int i = 0; i < limit.capacity() && refused == null; i++) {
            RestResponse rest = target.api().tryPostMessage(scene.a0, conversation, "over REST " + i, null);
            if (rest.status() == 429) {
                refused = rest;
            } else {
                assertThat(rest.status()).as(rest.describe()).isEqualTo(201);
                restAccepted++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused).as("a 429 among " + limit.capacity() + " REST messages sent right after a socket burst ("
                + burst.summary() + "), " + restAccepted + " REST accepted").isNotNull();
        assertThat(burst.accepted() + restAccepted).as("messages accepted over socket (" + burst.summary() + ") and REST ("
                + restAccepted + ") in " + String.format("%.2f", seconds) + " s with bucket " + limit)
                .isLessThanOrEqualTo(limit.maxAcceptedWithin(seconds) + 1);
        assertThat(refused.errorCode()).as(refused.describe()).isEqualTo("rate_limited");
        long stored = target.api().listMessages(scene.a0, conversation, 0, 100).path("items").size();
        assertThat(stored).as("messages stored: socket accepted (" + burst.summary() + ") plus REST accepted ("
                + restAccepted + "); the 429 one must not be").isEqualTo(burst.accepted() + restAccepted);
        assertThat(refused.header("Retry-After")).as("Retry-After of " + refused.describe()).isPresent();
        assertThat(refused.header("RateLimit")).as("RateLimit of " + refused.describe()).isPresent();
        assertThat(refused.header("RateLimit-Policy")).as("RateLimit-Policy of " + refused.describe()).isPresent();
    }

    @Test
    @Clause(id = "9.3", check = POSITIVE)
    @DisplayName("§9.3 message-edited shares the message bucket")
    void edits_share_the_message_bucket(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        String messageId = Scene.send(socket, conversation, "to edit").path("id").asText();
        RateLimitSpec limit = target.profile().messageRate();
        long start = System.nanoTime();
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i < limit.capacity(); i++) {
            acks.add(socket.emitAsync("message-edited", Json.object("conversationId", conversation, "messageId", messageId,
                    "body", "edit " + i)));
            acks.add(socket.emitAsync("message", Json.object("conversationId", conversation, "body", "msg " + i)));
        }
        Burst burst = Burst.collect(socket, acks, start);
        assertThat(burst.accepted() + 1).as("edits and messages accepted together (" + burst.summary() + ", plus the first"
                + " message) with bucket " + limit).isLessThanOrEqualTo(limit.maxAcceptedWithin(burst.seconds()) + 1);
    }

    @Test
    @Clause(id = "9.3", check = NEGATIVE)
    @DisplayName("§9.3 typing has its own bucket: over it typing is refused while messages still pass")
    void typing_has_its_own_bucket(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        target.assumeSupported(Feature.TYPING);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        RateLimitSpec limit = target.profile().typingRate();
        long start = System.nanoTime();
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i < 2 * limit.capacity() + 5; i++) {
            acks.add(socket.emitAsync("typing", Json.object("conversationId", conversation, "isTyping", i % 2 == 0)));
        }
        Burst burst = Burst.collect(socket, acks, start);
        assertThat(burst.refused()).as("typing refusals in a burst of " + burst.size()).isNotEmpty();
        assertThat(burst.accepted()).as("typing accepted in " + burst.seconds() + " s with bucket " + limit)
                .isLessThanOrEqualTo(limit.maxAcceptedWithin(burst.seconds()) + 1);
        Scene.send(socket, conversation, "typing limit does not touch messages");
    }

    @Test
    @Clause(id = "9.1", check = NEGATIVE)
    @Clause(id = "3.1", check = NEGATIVE)
    @DisplayName("§9.1 One user's spent budget costs nobody else: not another user of the tenant, not the same sub in another tenant")
    void one_users_budget_costs_nobody_else(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        target.minter("fresh users, whose buckets are known to be full");
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String twinConversation = scene.conversation(scene.b0);
        ChatSocket spender = scene.joined(scene.a0, conversation);
        ChatSocket colleague = scene.joined(scene.a1, conversation);
        ChatSocket twin = scene.joined(scene.b0, twinConversation);
        Burst burst = Burst.messages(List.of(spender), conversation, 2 * target.profile().messageRate().capacity() + 5);
        assertThat(burst.refused()).as("refusals in " + scene.a0 + "'s burst (" + burst.summary() + ")").isNotEmpty();
        // Half a bucket at once each: far more than what refills while they are sent, so a shared bucket shows.
        int half = Math.max(2, target.profile().messageRate().capacity() / 2);
        Burst other = Burst.messages(List.of(colleague), conversation, half);
        assertThat(other.refused()).as(scene.a1 + "'s " + half + " messages right after " + scene.a0 + " spent their"
                + " budget (" + other.summary() + ")").isEmpty();
        Burst sameSub = Burst.messages(List.of(twin), twinConversation, half);
        assertThat(sameSub.refused()).as(scene.b0 + "'s " + half + " messages (same sub as " + scene.a0 + ", other tenant;"
                + " " + sameSub.summary() + ")").isEmpty();
        RestResponse rest = target.api().tryPostMessage(scene.b0, twinConversation, "over REST, own budget", null);
        assertThat(rest.status()).as(rest.describe() + " by " + scene.b0).isEqualTo(201);
    }

    @Test
    @Clause(id = "9.3", check = BOUNDARY)
    @DisplayName("§9.3 A burst of exactly the bucket's size is accepted whole; the next event, before any refill, is refused"
            + " (messages and typing)")
    void the_bucket_holds_to_the_event(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        target.minter("users whose buckets are known to be full");
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1, scene.a2);
        List<String> checked = new ArrayList<>();
        List<User> users = List.of(scene.a0, scene.a1, scene.a2);
        for (int attempt = 0; attempt < users.size() && checked.isEmpty(); attempt++) {
            ChatSocket socket = scene.joined(users.get(attempt), conversation);
            if (exactBurst(socket, "message", i -> Json.object("conversationId", conversation, "body", "edge " + i),
                    target.profile().messageRate())) {
                checked.add("message");
            }
        }
        Assumptions.assumeFalse(checked.isEmpty(), "no burst of " + (target.profile().messageRate().capacity() + 1)
                + " messages was acked within one refill interval in three tries: the link is too slow to see the bound");
        if (!target.profile().unsupported().contains(Feature.TYPING)) {
            boolean typed = false;
            for (int attempt = 0; attempt < 3 && !typed; attempt++) {
                Scene fresh = new Scene(target);
                String typedIn = fresh.conversation(fresh.a0);
                typed = exactBurst(fresh.joined(fresh.a0, typedIn), "typing",
                        i -> Json.object("conversationId", typedIn, "isTyping", i % 2 == 0), target.profile().typingRate());
            }
            Assumptions.assumeTrue(typed, "no burst of " + (target.profile().typingRate().capacity() + 1)
                    + " typing events was acked within one refill interval in three tries");
        }
    }

    /**
     * Sends {@code capacity + 1} events at once from a fresh user: the first {@code capacity} must all be accepted, and,
     * when every ack came back within one refill interval (so not even one token can have been refilled), the last
     * must be refused. Returns false when the burst was too slow to judge the last event.
     */
    private static boolean exactBurst(ChatSocket socket, String event, java.util.function.IntFunction<JsonNode> payload,
                                      RateLimitSpec limit) {
        long start = System.nanoTime();
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i <= limit.capacity(); i++) {
            acks.add(socket.emitAsync(event, payload.apply(i)));
        }
        Burst burst = Burst.collect(socket, acks, start);
        for (int i = 0; i < limit.capacity(); i++) {
            assertThat(burst.acks().get(i).path("ok").asBoolean()).as(event + " " + (i + 1) + " of a burst of exactly the"
                    + " bucket's size (" + limit + "): " + Json.brief(burst.acks().get(i))).isTrue();
        }
        if (burst.seconds() >= 1 / limit.refillPerSecond()) {
            return false;
        }
        JsonNode last = burst.acks().get(limit.capacity());
        assertThat(last.path("error").path("code").asText()).as(event + " number " + (limit.capacity() + 1) + ", sent "
                + String.format("%.0f ms", burst.seconds() * 1000) + " into a full bucket of " + limit + ": "
                + Json.brief(last)).isEqualTo("rate_limited");
        return true;
    }

    @Test
    @Clause(id = "9.4", check = NEGATIVE)
    @DisplayName("§9.4 A refused event changes nothing: a rate-limited edit leaves the body, a rate-limited clientMessageId"
            + " stays free, a rate-limited typing is not broadcast")
    void a_refused_event_changes_nothing(Target target) {
        target.assumeSupported(Feature.RATE_LIMIT);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = scene.joined(scene.a0, conversation);
        ChatSocket watcher = scene.joined(scene.a1, conversation);
        String messageId = Scene.send(sender, conversation, "original").path("id").asText();
        RateLimitSpec limit = target.profile().messageRate();
        // Edits and keyed messages go out in the same burst that empties the bucket, behind it: some of them are
        // refused whatever the timing (a token refilled meanwhile may let one through, and that one is then judged
        // as accepted). Each refused one must have left nothing behind.
        long start = System.nanoTime();
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i < limit.capacity() + 5; i++) {
            acks.add(sender.emitAsync("message", Json.object("conversationId", conversation, "body", "filler " + i)));
        }
        Map<String, CompletableFuture<JsonNode>> edits = new LinkedHashMap<>();
        Map<String, CompletableFuture<JsonNode>> keyed = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String body = Scene.marker("edit-" + i);
            edits.put(body, sender.emitAsync("message-edited", Json.object("conversationId", conversation, "messageId",
                    messageId, "body", body)));
            String key = Scene.marker("key-" + i);
            keyed.put(key, sender.emitAsync("message", Json.object("conversationId", conversation, "body", "first try",
                    "clientMessageId", key)));
        }
        Burst.collect(sender, acks, start);
        List<String> refusedEdits = refused(sender, edits);
        List<String> refusedKeys = refused(sender, keyed);
        assertThat(refusedEdits).as("edits refused right after the bucket was emptied").isNotEmpty();
        assertThat(refusedKeys).as("keyed messages refused right after the bucket was emptied").isNotEmpty();
        String storedBody = target.api().messagesById(scene.a1, conversation).get(messageId).path("body").asText();
        assertThat(refusedEdits).as("refused edits whose body the message now has").doesNotContain(storedBody);
        String key = refusedKeys.get(0);
        // The bucket refills at its declared rate: retry until the target takes the message, as a client would.
        JsonNode[] retriedBox = new JsonNode[1];
        org.awaitility.Awaitility.await("the retry of the refused message to be accepted once the bucket refilled")
                .atMost(target.profile().eventTimeout().plusSeconds((long) Math.ceil(limit.capacity() / limit.refillPerSecond())))
                .pollInterval(java.time.Duration.ofMillis((long) Math.ceil(1000 / limit.refillPerSecond())))
                .until(() -> {
                    retriedBox[0] = sender.ack("message", Json.object("conversationId", conversation, "body", "second try",
                            "clientMessageId", key));
                    return retriedBox[0].path("ok").asBoolean();
                });
        JsonNode retried = retriedBox[0];
        assertThat(retried.path("data").path("body").asText()).as("body of the retried message: the refused attempt left"
                + " nothing behind under its clientMessageId").isEqualTo("second try");
        Scene.awaitMessage(watcher, "second try");
        assertThat(watcher.received("message-edited", m -> refusedEdits.contains(m.path("body").asText())))
                .as("refused edits broadcast").isEmpty();
        assertThat(watcher.received("message", m -> refusedKeys.contains(m.path("clientMessageId").asText())
                && "first try".equals(m.path("body").asText()))).as("refused keyed messages broadcast").isEmpty();
    }

    /** The keys whose events were answered rate_limited (every answer must be ok or rate_limited). */
    private static List<String> refused(ChatSocket socket, Map<String, CompletableFuture<JsonNode>> sent) {
        List<String> refused = new ArrayList<>();
        sent.forEach((key, future) -> {
            JsonNode ack = socket.join(future, "an ack within the burst");
            if (!ack.path("ok").asBoolean()) {
                assertThat(ack.path("error").path("code").asText()).as("a refusal within the burst: " + Json.brief(ack))
                        .isEqualTo("rate_limited");
                refused.add(key);
            }
        });
        return refused;
    }
}
