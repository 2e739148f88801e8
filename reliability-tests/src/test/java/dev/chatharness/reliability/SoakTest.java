package dev.chatharness.reliability;

import dev.chatharness.reliability.support.HeapProbe;
import dev.chatharness.reliability.support.LiveSocket;
import dev.chatharness.reliability.support.RawChat;
import dev.chatharness.reliability.support.Rest;
import dev.chatharness.reliability.support.ServerProcess;
import dev.chatharness.common.token.TokenMinter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, item 6, short form: waves of connections join, chat and leave a server with a fixed heap (a separate
 * JVM); after each wave a full GC and a heap reading. The heap after GC must not grow between the first and the
 * last quarter of the run. {@code bench/soak.sh} runs it for minutes and thousands of connections
 * ({@code -Dsoak.seconds}, {@code -Dsoak.users}); samples go to {@code target/soak-samples.csv}.
 */
class SoakTest {
    private static final String SECRET = "soak-secret";
    private static final int GROUP = 5;
    private static final int BATCH = 50;

    @Test
    @Timeout(600)
    @DisplayName("connections joining, chatting and leaving in waves leave no growth of heap after full GC")
    void heap_does_not_grow_across_waves(@TempDir Path dir) throws IOException {
        int seconds = Integer.getInteger("soak.seconds", 10);
        int users = Integer.getInteger("soak.users", 40) / GROUP * GROUP;
        String heap = System.getProperty("soak.heap", "192m");
        try (ServerProcess server = ServerProcess.start(dir.resolve("soak"), SECRET, "20:10",
                List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC"))) {
            Rest rest = new Rest(server.baseUrl());
            List<String> tokens = new ArrayList<>();
            List<String> conversationOf = new ArrayList<>();
            for (int g = 0; g < users / GROUP; g++) {
                String tenant = "tenant-" + (g % 5);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < GROUP; i++) {
                    names.add("u" + g + "-" + i);
                }
                String conversation = rest.createConversation(new TokenMinter(SECRET).token(tenant, names.get(0), Duration.ofHours(2)),
                        names.subList(1, GROUP));
                for (String name : names) {
                    tokens.add(new TokenMinter(SECRET).token(tenant, name, Duration.ofHours(2)));
                    conversationOf.add(conversation);
                }
            }
            try {
                wave(server.baseUrl(), tokens, conversationOf); // warm-up: caches, JIT, pools; not sampled
            } catch (AssertionError e) {
                String out = server.output();
                throw new AssertionError(e.getMessage() + "\nserver output (end):\n" + out.substring(Math.max(0, out.length() - 4000)), e);
            }
            boolean histograms = Boolean.getBoolean("soak.histograms");
            if (histograms) {
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "soak-histogram-start.txt"), HeapProbe.classHistogram(server.pid()));
            }
            List<Long> samples = new ArrayList<>();
            long connections = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline || samples.size() < 8) {
                wave(server.baseUrl(), tokens, conversationOf);
                connections += tokens.size();
                samples.add(HeapProbe.usedAfterFullGcKb(server.pid()));
            }
            if (histograms) {
                Files.writeString(Path.of("target", "soak-histogram-end.txt"), HeapProbe.classHistogram(server.pid()));
            }
            int quarter = samples.size() / 4;
            double first = samples.subList(0, quarter).stream().mapToLong(Long::longValue).average().orElseThrow();
            double last = samples.subList(samples.size() - quarter, samples.size()).stream().mapToLong(Long::longValue)
                    .average().orElseThrow();
            Path csv = Path.of("target", "soak-samples.csv");
            Files.createDirectories(csv.getParent());
            Files.writeString(csv, "wave,used_after_full_gc_kb\n" + java.util.stream.IntStream.range(0, samples.size())
                    .mapToObj(i -> (i + 1) + "," + samples.get(i)).collect(Collectors.joining("\n")) + "\n");
            System.out.printf("soak: %d s, %d users, %d waves, %d connections (joined, chatted, left), heap %s;"
                            + " used after full GC: first quarter %.0f KiB, last quarter %.0f KiB (%+.1f%%); samples %s%n",
                    seconds, users, samples.size(), connections, heap, first, last, (last - first) * 100 / first, samples);
            assertThat(last).as("mean heap after full GC, last quarter vs first (KiB): " + samples)
                    .isLessThanOrEqualTo(first * 1.10 + 2048);
        }
    }

    /** Every user connects, joins its conversation, sends one message, sees the others' and leaves. */
    private static void wave(String baseUrl, List<String> tokens, List<String> conversationOf) {
        List<RawChat> sockets = new ArrayList<>();
        try {
            for (int from = 0; from < tokens.size(); from += BATCH) {
                List<RawChat> batch = new ArrayList<>();
                for (int i = from; i < Math.min(from + BATCH, tokens.size()); i++) {
                    batch.add(RawChat.open(baseUrl, tokens.get(i)));
                }
                for (RawChat s : batch) {
                    LiveSocket.await(s.connected(), "CONNECT");
                }
                sockets.addAll(batch);
            }
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                joins.add(sockets.get(i).emit("join-conversation", Map.of("conversationId", conversationOf.get(i))));
            }
            joins.forEach(f -> LiveSocket.await(f, "join ack"));
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                sends.add(sockets.get(i).emit("message", Map.of("conversationId", conversationOf.get(i), "body", "soak")));
            }
            sends.forEach(f -> LiveSocket.await(f, "message ack"));
            for (RawChat s : sockets) {
                for (int k = 0; k < GROUP - 1; k++) {
                    assertThat(s.nextMessage(LiveSocket.WAIT)).as("a broadcast from a group member").isNotNull();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            sockets.forEach(RawChat::close);
        }
    }
}
