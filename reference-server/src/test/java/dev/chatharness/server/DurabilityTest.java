package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.FileServerMain;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An ok ack means stored: messages survive a crash of a server on a file database (contract section 8)")
class DurabilityTest {

    @Test
    void every_acked_message_is_found_after_the_server_process_is_killed_and_restarted_on_the_same_file(@TempDir Path dir)
            throws Exception {
        Path db = dir.resolve("chat");
        String alice = Tokens.of("acme", "alice");
        Process child = startChild(db);
        List<JsonNode> acked = new ArrayList<>();
        String conversationId;
        try {
            String baseUrl = "http://127.0.0.1:" + awaitPort(child);
            conversationId = new RestClient(baseUrl).post("/api/v2/conversations", alice,
                    Map.of("participantIds", List.of("bob"))).body().get("id").asText();
            try (ChatClient client = ChatClient.connect(baseUrl, alice)) {
                for (int i = 0; i < 50; i++) {
                    acked.add(client.ok("message", Map.of("conversationId", conversationId, "body", "durable " + i,
                            "clientMessageId", "d-" + i)));
                }
                child.destroyForcibly(); // SIGKILL right after the last ack: no close, no shutdown hook
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            child.destroyForcibly();
        }

        try (ChatServer restarted = TestServers.start(b -> b.database(db.toString()))) {
            RestClient rest = new RestClient(restarted.baseUrl());
            JsonNode items = rest.get("/api/v2/conversations/" + conversationId + "/messages?limit=100", alice).body().get("items");
            assertThat(items).hasSize(acked.size());
            for (int i = 0; i < acked.size(); i++) {
                assertThat(items.get(i)).isEqualTo(acked.get(i));
            }
            var next = rest.post("/api/v2/conversations/" + conversationId + "/messages", alice, Map.of("body", "after restart"));
            assertThat(next.body().get("seq").asLong()).isEqualTo(acked.size() + 1);
            var repeat = rest.post("/api/v2/conversations/" + conversationId + "/messages", alice,
                    Map.of("body", "durable 0", "clientMessageId", "d-0"));
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(acked.get(0));
            assertThat(rest.get("/api/v2/conversations/" + conversationId, Tokens.of("acme", "bob")).status()).isEqualTo(200);
        }
    }

    private static Process startChild(Path db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FileServerMain.class.getName(),
                db.toString()).redirectErrorStream(true).start();
    }

    private static int awaitPort(Process child) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[child] " + line); // in the surefire report when something goes wrong
                    if (line.startsWith("PORT ")) {
                        port.complete(Integer.parseInt(line.substring(5).trim()));
                    }
                }
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("child exited without a port"));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(90, TimeUnit.SECONDS);
    }
}
