package dev.chatharness.conformance.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The acks of events sent all at once, and how long they took (first send to last ack). */
record Burst(List<JsonNode> acks, double seconds) {

    static Burst messages(List<ChatSocket> sockets, String conversation, int count) {
        long start = System.nanoTime();
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(sockets.get(i % sockets.size()).emitAsync("message",
                    Json.object("conversationId", conversation, "body", "burst " + i)));
        }
        return collect(sockets.get(0), futures, start);
    }

    /**
     * Sends {@code body} until the target accepts it, pacing the tries at the declared refill rate, as a client that
     * was told {@code rate_limited} would; returns the accepted Message.
     */
    static JsonNode onceAccepted(dev.chatharness.conformance.harness.Target target, ChatSocket socket, String conversation,
                                 String body) {
        dev.chatharness.conformance.RateLimitSpec limit = target.profile().messageRate();
        JsonNode[] accepted = new JsonNode[1];
        org.awaitility.Awaitility.await("'" + body + "' to be accepted once the bucket refilled")
                .atMost(target.profile().eventTimeout().plusSeconds((long) Math.ceil(limit.capacity() / limit.refillPerSecond())))
                .pollInterval(java.time.Duration.ofMillis((long) Math.ceil(1000 / limit.refillPerSecond())))
                .until(() -> {
                    JsonNode ack = socket.ack("message", Json.object("conversationId", conversation, "body", body));
                    accepted[0] = ack.path("data");
                    return ack.path("ok").asBoolean();
                });
        return accepted[0];
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
