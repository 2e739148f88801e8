package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.RateLimitSpec;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bursts are sent without waiting for acks, so they take far less than a second; the bound on what
 * may be accepted is the declared burst plus what refills during the measured time, plus one.
 * These tests come last: with pre-issued tokens they leave the users' buckets empty for a while.
 */
@DisplayName("§9 Rate limits")
@Tag(ConformanceTags.RATELIMIT)
@Order(9)
@ExtendWith(TargetExtension.class)
class RateLimitConformance {

    @Test
    @DisplayName("§9 Over the limit: ack rate_limited with retryAfterMs > 0, and the bound is the declared bucket")
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
    @DisplayName("§9 A rate-limited message is neither stored nor broadcast, and other users are unaffected")
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
    @DisplayName("§9 The limit is per user across all of that user's sockets")
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
    @DisplayName("§9 The limit is unchanged by reconnecting")
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
    @DisplayName("§9 Sockets and REST share the limit; REST over it answers 429 with Retry-After, RateLimit and RateLimit-Policy")
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
        assertThat(refused.header("Retry-After")).as("Retry-After of " + refused.describe()).isPresent();
        assertThat(refused.header("RateLimit")).as("RateLimit of " + refused.describe()).isPresent();
        assertThat(refused.header("RateLimit-Policy")).as("RateLimit-Policy of " + refused.describe()).isPresent();
    }

    @Test
    @DisplayName("§9 message-edited shares the message bucket")
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
    @DisplayName("§9 typing has its own bucket: over it typing is refused while messages still pass")
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

    /** The acks of events sent all at once. */
    private record Burst(List<JsonNode> acks, double seconds) {

        static Burst messages(List<ChatSocket> sockets, String conversation, int count) {
            long start = System.nanoTime();
            List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(sockets.get(i % sockets.size()).emitAsync("message",
                        Json.object("conversationId", conversation, "body", "burst " + i)));
            }
            return collect(sockets.get(0), futures, start);
        }

        static Burst collect(ChatSocket socket, List<CompletableFuture<JsonNode>> futures, long startNanos) {
            List<JsonNode> acks = new ArrayList<>();
            for (CompletableFuture<JsonNode> future : futures) {
                acks.add(socket.join(future, "an ack within a burst"));
            }
            return new Burst(acks, (System.nanoTime() - startNanos) / 1e9);
        }

        int size() {
            return acks.size();
        }

        long accepted() {
            return acks.stream().filter(a -> a.path("ok").asBoolean()).count();
        }

        List<JsonNode> refused() {
            return acks.stream().filter(a -> !a.path("ok").asBoolean()).toList();
        }

        String summary() {
            return accepted() + " accepted, " + refused().size() + " refused in " + String.format("%.2f", seconds) + " s";
        }
    }
}
