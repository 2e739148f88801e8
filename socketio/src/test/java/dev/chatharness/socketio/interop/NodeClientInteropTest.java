package dev.chatharness.socketio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official JavaScript socket.io-client 4.x (under Node) against the layer, on each transport setup. */
@DisplayName("JavaScript socket.io-client 4.x interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeClientInteropTest {
    private InteropServer server;

    @BeforeEach
    void start() {
        server = new InteropServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "transports={0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void connect_emit_acks_binary_namespaces_refusal_and_disconnects(String transports) throws Exception {
        NodeDriver.Result result = NodeDriver.run("full", server.url(), transports);
        assertThat(result.exitCode()).as("driver exit; steps %s; stderr %s", result.steps(), result.stderr())
                .isZero();

        String expectedTransport = transports.endsWith("websocket") ? "websocket" : "polling";
        // With "polling,websocket" the client opens with polling, but on a fast machine the upgrade may already be
        // done when the driver's connect handler runs: either is right there; the later "transport" step checks
        // that the upgrade happened.
        assertThat(result.step("connect").get("transport").asText())
                .isIn(transports.equals("polling,websocket") ? List.of("polling", "websocket")
                        : List.of(transports.startsWith("polling") ? "polling" : "websocket"));
        assertThat(result.step("welcome").get("auth").get("token").asText()).isEqualTo("good");
        assertThat(result.step("echo-ack").get("args").toString()).isEqualTo("[1,\"two\",{\"three\":[3]}]");
        assertThat(result.step("transport").get("name").asText()).isEqualTo(expectedTransport);

        JsonNode binaryAck = result.step("binary-ack");
        assertThat(binaryAck.get("first").asText()).isEqualTo("AQID");
        assertThat(binaryAck.get("nested").asText()).isEqualTo("BAU=");
        JsonNode binaryBack = result.step("binary-back");
        assertThat(binaryBack.get("first").asText()).isEqualTo("AQID");
        assertThat(binaryBack.get("nested").asText()).isEqualTo("BAU=");

        assertThat(result.step("client-answered").get("answer").asText()).isEqualTo("answer:q1");

        JsonNode second = result.step("second");
        assertThat(second.get("ack").toString()).isEqualTo("[\"in second\"]");
        assertThat(second.get("sameEngine").asBoolean()).isTrue();

        assertThat(result.step("unknown-namespace").get("message").asText()).isEqualTo("Invalid namespace");

        JsonNode refused = result.step("refused");
        assertThat(refused.get("message").asText()).isEqualTo("unauthorized");
        assertThat(refused.get("data").get("code").asText()).isEqualTo("token_invalid");

        assertThat(result.step("kicked").get("reason").asText()).isEqualTo("io server disconnect");
        result.step("done");

        assertThat(server.disconnects.poll(15, TimeUnit.SECONDS)).isEqualTo("/second client namespace disconnect");
        assertThat(server.disconnects.poll(15, TimeUnit.SECONDS)).isEqualTo("/ server namespace disconnect");
    }

    @ParameterizedTest(name = "transports={0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void a_silent_client_is_timed_out_by_the_heartbeat(String transports) throws Exception {
        NodeDriver.Result result = NodeDriver.run("silent", server.url(), transports);
        assertThat(result.exitCode()).as("driver exit; steps %s; stderr %s", result.steps(), result.stderr())
                .isZero();
        assertThat(result.step("connect").get("transport").asText())
                .isEqualTo(transports.endsWith("websocket") ? "websocket" : "polling");
        assertThat(result.step("disconnected").get("reason").asText()).isEqualTo("transport close");
        assertThat(server.disconnects.poll(15, TimeUnit.SECONDS)).isEqualTo("/ ping timeout");
    }
}
