package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed input gets its answer while a second, well-behaved client keeps chatting. */
@DisplayName("Malformed input never disturbs anyone else (contract sections 1 and 4)")
class MalformedInputTest {
    private static ChatServer server;
    private String tenant;
    private String conversationId;
    private ChatClient bystander;
    private ChatClient peer;

    @BeforeAll
    static void start() {
        server = TestServers.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoWellBehavedClients() {
        tenant = "t-" + UUID.randomUUID();
        conversationId = new RestClient(server.baseUrl()).post("/api/v2/conversations", Tokens.of(tenant, "bystander"),
                Map.of("participantIds", List.of("peer", "fuzzer"))).body().get("id").asText();
        bystander = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "bystander"));
        peer = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "peer"));
        bystander.ok("join-conversation", Map.of("conversationId", conversationId));
        peer.ok("join-conversation", Map.of("conversationId", conversationId));
    }

    @AfterEach
    void bystandersStillChat() {
        JsonNode sent = bystander.ok("message", Map.of("conversationId", conversationId, "body", "still fine"));
        assertThat(peer.next("message")).isEqualTo(sent);
        bystander.close();
        peer.close();
    }

    @Test
    void wrong_types_missing_fields_and_non_object_payloads_get_invalid_payload_and_the_connection_stays() {
        try (ChatClient fuzzer = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "fuzzer"))) {
            List<Object[]> cases = List.of(
                    new Object[] {"message", Map.of("conversationId", conversationId)},
                    new Object[] {"message", Map.of("conversationId", conversationId, "body", 12)},
                    new Object[] {"message", Map.of("conversationId", conversationId, "body", "")},
                    new Object[] {"message", Map.of("conversationId", conversationId, "body", "x".repeat(4001))},
                    new Object[] {"message", Map.of("conversationId", conversationId, "body", "ok", "clientMessageId", "c".repeat(65))},
                    new Object[] {"message", Map.of("conversationId", "i".repeat(65), "body", "ok")},
                    new Object[] {"message", "just a string"},
                    new Object[] {"message", List.of(1, 2, 3)},
                    new Object[] {"message", 42},
                    new Object[] {"join-conversation", Map.of()},
                    new Object[] {"join-conversation", Map.of("conversationId", List.of("a"))},
                    new Object[] {"typing", Map.of("conversationId", conversationId, "isTyping", "yes")},
                    new Object[] {"message-read", Map.of("conversationId", conversationId)},
                    new Object[] {"message-edited", Map.of("conversationId", conversationId, "messageId", "m", "body", false)},
                    new Object[] {"message-deleted", Map.of("messageId", "m")},
                    new Object[] {"presence-update", Map.of("status", "sleeping")},
                    new Object[] {"presence-update", Map.of("status", "away", "statusText", "s".repeat(201))},
                    new Object[] {"leave-conversation", Map.of("conversationId", 7)});
            for (Object[] c : cases) {
                JsonNode reply = fuzzer.ackRaw((String) c[0], c[1]);
                Schemas.valid("ack-error.json", reply);
                assertThat(reply.get("error").get("code").asText()).as("%s %s", c[0], c[1]).isEqualTo("invalid_payload");
            }
            JsonNode noArgs = fuzzer.ackRaw("message");
            assertThat(noArgs.get("error").get("code").asText()).isEqualTo("invalid_payload");
            assertThat(fuzzer.connected()).isTrue();
            assertThat(fuzzer.ok("message", Map.of("conversationId", conversationId, "body", "recovered")).get("seq").asLong()).isEqualTo(1);
            peer.next("message");
        }
    }

    @Test
    void unknown_events_get_invalid_payload_with_ack_or_as_an_error_event_without() {
        try (ChatClient fuzzer = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "fuzzer"))) {
            JsonNode reply = fuzzer.ack("make-me-admin", Map.of("please", true));
            assertThat(reply.get("ok").asBoolean()).isFalse();
            assertThat(reply.get("error").get("code").asText()).isEqualTo("invalid_payload");
            fuzzer.emit("drop-tables", Map.of());
            JsonNode error = Schemas.valid("error-event.json", fuzzer.next("error"));
            assertThat(error.get("code").asText()).isEqualTo("invalid_payload");
            assertThat(error.get("event").asText()).isEqualTo("drop-tables");
            assertThat(fuzzer.connected()).isTrue();
        }
    }

    /** A raw Engine.IO/Socket.IO client on the JDK WebSocket, to send frames no official client would. */
    private final class RawSocket implements AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final WebSocket ws;

        RawSocket() throws Exception {
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    frames.add(data.toString());
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                                    closed.complete(statusCode);
                                    return null;
                                }

                                @Override
                                public void onError(WebSocket w, Throwable error) {
                                    closed.complete(-1);
                                }
                            }).get(10, TimeUnit.SECONDS);
            assertThat(next()).startsWith("0{");
            send("40{\"token\":\"" + Tokens.of(tenant, "fuzzer") + "\"}");
            assertThat(next()).startsWith("40{\"sid\"");
        }

        void send(String frame) throws Exception {
            ws.sendText(frame, true).get(15, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String frame = frames.poll(ChatClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", ChatClient.WAIT).isNotNull();
            return frame;
        }

        int closeCode() throws Exception {
            return closed.get(ChatClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    @Test
    void a_large_packet_under_max_payload_is_answered_and_one_over_it_closes_that_connection_and_nothing_else() throws Exception {
        try (RawSocket raw = new RawSocket()) {
            raw.send("421[\"message\",{\"conversationId\":\"" + conversationId + "\",\"body\":\"" + "x".repeat(500_000) + "\"}]");
            assertThat(raw.next()).startsWith("431[{\"ok\":false,\"error\":{\"code\":\"invalid_payload\"");
            String tooBig = "422[\"message\",{\"conversationId\":\"" + conversationId + "\",\"body\":\"" + "x".repeat(1_100_000) + "\"}]";
            boolean writtenWhole = true;
            try {
                raw.send(tooBig);
            } catch (ExecutionException e) {
                // The server may close as soon as the frame header announces too many bytes, before the client has
                // written them all: the client's write then fails, and the close may reach it as an error.
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                writtenWhole = false;
            }
            if (writtenWhole) {
                assertThat(raw.closeCode()).isEqualTo(1009); // WebSocket "message too big"
            } else {
                assertThat(raw.closeCode()).as("close code, or -1 for a connection that ended in error").isIn(1009, -1);
            }
        }
        peer.expectNone("message", Duration.ofMillis(300));
    }

    @Test
    void a_frame_that_is_not_valid_json_is_a_protocol_error_that_closes_only_that_connection() throws Exception {
        try (RawSocket raw = new RawSocket()) {
            raw.send("42[\"message\",{\"conversationId\":\"" + conversationId + "\",\"body\":");
            assertThat(raw.closeCode()).isNotNull();
        }
    }
}
