package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The official JavaScript client 4.x (under Node) through src/test/js/chat-scenario.mjs. */
@DisplayName("Chat v2 with the JavaScript socket.io-client 4.x under Node")
class NodeClientTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ChatServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void every_event_round_trips_with_the_javascript_client(String transports) throws Exception {
        String tenant = "node-" + UUID.randomUUID();
        String id = new RestClient(server.baseUrl()).post("/api/v2/conversations", Tokens.of(tenant, "alice"),
                Map.of("participantIds", List.of("bob"))).body().get("id").asText();
        Map<String, JsonNode> steps = run(transports, id, Tokens.of(tenant, "alice"), Tokens.of(tenant, "bob"));

        assertThat(steps).doesNotContainKey("error").containsKey("done");
        // path(), not get(): a step that lacks a field fails with what the client saw, not a NullPointerException
        assertThat(steps.get("user-online").path("userId").asText()).as("user-online seen by bob, steps: %s", steps)
                .isEqualTo("alice");
        assertThat(steps.get("refused").path("refused").asBoolean()).isTrue();
        assertThat(steps.get("refused").path("message").asText()).isEqualTo("unauthorized");
        assertThat(steps.get("refused").path("data").path("code").asText()).isEqualTo("token_missing");
        assertThat(Schemas.valid("ack-join-conversation.json", steps.get("join")).path("data").path("lastSeq").asLong()).isZero();

        JsonNode sent = Schemas.valid("ack-message.json", steps.get("message-ack")).path("data");
        assertThat(sent.path("seq").asLong()).isEqualTo(1);
        assertThat(steps.get("message-received")).isEqualTo(sent);
        assertThat(steps.get("message-repeat-ack").path("data")).isEqualTo(sent);
        assertThat(Schemas.valid("ack-typing.json", steps.get("typing-ack")).path("ok").asBoolean()).isTrue();
        assertThat(Schemas.valid("typing.json", steps.get("typing-received")).path("isTyping").asBoolean()).isTrue();
        assertThat(Schemas.valid("ack-message-read.json", steps.get("read-ack")).path("data"))
                .isEqualTo(steps.get("read-received"));
        assertThat(Schemas.valid("ack-message-edited.json", steps.get("edit-ack")).path("data").path("body").asText()).isEqualTo("edited");
        assertThat(steps.get("edit-received").path("body").asText()).isEqualTo("edited");
        assertThat(steps.get("forbidden-ack").path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(Schemas.valid("ack-message-deleted.json", steps.get("delete-ack")).path("data"))
                .isEqualTo(steps.get("delete-received"));
        assertThat(Schemas.valid("ack-presence-update.json", steps.get("presence-ack")).path("data"))
                .isEqualTo(steps.get("presence-received"));
        assertThat(steps.get("unknown-ack").path("error").path("code").asText()).isEqualTo("invalid_payload");
        assertThat(steps.get("not-found-ack").path("error").path("code").asText()).isEqualTo("not_found");
        JsonNode error = Schemas.valid("error-event.json", steps.get("error-event"));
        assertThat(error.path("code").asText()).isEqualTo("invalid_payload");
        assertThat(error.path("event").asText()).isEqualTo("message");
        assertThat(steps.get("user-offline").path("userId").asText()).isEqualTo("alice");
        assertThat(steps.get("transport").path("name").asText())
                .isEqualTo(transports.endsWith("websocket") ? "websocket" : "polling");
    }

    private static Map<String, JsonNode> run(String transports, String conversationId, String alice, String bob)
            throws IOException, InterruptedException {
        Path interop = Path.of(System.getProperty("interop.node.dir", "../interop/node")).toAbsolutePath().normalize();
        assertThat(interop.resolve("node_modules/socket.io-client")).as("npm ci ran in %s", interop).isDirectory();
        Path script = Path.of("src/test/js/chat-scenario.mjs").toAbsolutePath();
        Path log = Files.createTempFile("chat-scenario", ".log");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), server.baseUrl(), transports,
                conversationId, alice, bob).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("INTEROP_NODE_DIR", interop.toString());
        Process node = pb.start();
        try {
            assertThat(node.waitFor(90, TimeUnit.SECONDS)).as("node finished in time").isTrue();
        } finally {
            node.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        Map<String, JsonNode> steps = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                ObjectNode json = (ObjectNode) MAPPER.readTree(line);
                steps.put(json.remove("step").asText(), json); // the driver's label, not part of the payload
            }
        }
        assertThat(node.exitValue()).as("node output:%n%s", String.join("\n", lines)).isZero();
        return steps;
    }
}
