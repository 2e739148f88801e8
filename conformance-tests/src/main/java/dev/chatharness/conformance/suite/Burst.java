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
