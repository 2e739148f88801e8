package dev.chatharness.socketio.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.testing.RawWebSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Socket.IO cases of socketio/socket.io-protocol {@code test-suite/test-suite.js}, ported to raw WebSocket frames
 * against the protocol-echo server (its Engine.IO cases are in {@link EngineIoProtocolSuiteTest}, on both paths).
 */
@DisplayName("Socket.IO protocol test suite (ported)")
class SocketIoProtocolSuiteTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ProtocolEchoServer server;
    private static ProtocolEchoServer suiteTimings;

    @BeforeAll
    static void start() {
        server = ProtocolEchoServer.start("127.0.0.1", 0, Duration.ofSeconds(20), Duration.ofSeconds(20));
        suiteTimings = ProtocolEchoServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        suiteTimings.close();
    }

    private static RawWebSocket open(ProtocolEchoServer s, boolean autoPong) {
        RawWebSocket socket = RawWebSocket.connect(
                "ws://127.0.0.1:" + s.port() + "/socket.io/?EIO=4&transport=websocket", autoPong);
        assertThat(socket.nextText()).startsWith("0{"); // Engine.IO handshake
        return socket;
    }

    /** Opens a socket connected to "/", the auth packet consumed. */
    private static RawWebSocket connected() {
        RawWebSocket socket = open(server, true);
        socket.send("40");
        assertThat(socket.nextText()).startsWith("40{");
        assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");
        return socket;
    }

    private static void assertHandshake(String data, String prefix) throws Exception {
        assertThat(data).startsWith(prefix);
        JsonNode handshake = MAPPER.readTree(data.substring(prefix.length()));
        assertThat(handshake.fieldNames()).toIterable().containsExactly("sid");
        assertThat(handshake.get("sid").isTextual()).isTrue();
    }

    @Nested
    @DisplayName("connect")
    class Connect {
        @Test
        void should_allow_connection_to_the_main_namespace() throws Exception {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("40");
                assertHandshake(socket.nextText(), "40");
                assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");
            }
        }

        @Test
        void should_allow_connection_to_the_main_namespace_with_a_payload() throws Exception {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("40{\"token\":\"123\"}");
                assertHandshake(socket.nextText(), "40");
                assertThat(socket.nextText()).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
            }
        }

        @Test
        void should_allow_connection_to_a_custom_namespace() throws Exception {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("40/custom,");
                assertHandshake(socket.nextText(), "40/custom,");
                assertThat(socket.nextText()).isEqualTo("42/custom,[\"auth\",{}]");
            }
        }

        @Test
        void should_allow_connection_to_a_custom_namespace_with_a_payload() throws Exception {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("40/custom,{\"token\":\"abc\"}");
                assertHandshake(socket.nextText(), "40/custom,");
                assertThat(socket.nextText()).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
            }
        }

        @Test
        void should_disallow_connection_to_an_unknown_namespace() {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("40/random");
                assertThat(socket.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
            }
        }

        @Test
        void should_disallow_connection_with_an_invalid_handshake() {
            try (RawWebSocket socket = open(server, true)) {
                socket.send("4abc");
                socket.awaitClose();
            }
        }

        @Test
        void should_close_the_connection_if_no_handshake_is_received() {
            // Pings are answered, so what closes the session is the 1 s connect timeout, not the heartbeat.
            try (RawWebSocket socket = open(suiteTimings, true)) {
                socket.awaitClose();
            }
        }
    }

    @Nested
    @DisplayName("disconnect")
    class Disconnect {
        @Test
        void should_disconnect_from_the_main_namespace() {
            try (RawWebSocket socket = open(suiteTimings, false)) {
                socket.send("40");
                assertThat(socket.nextText()).startsWith("40{");
                assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");
                socket.send("41");
                // The connection stays open: the next frame is the server's ping.
                assertThat(socket.nextText()).isEqualTo("2");
            }
        }

        @Test
        void should_connect_then_disconnect_from_a_custom_namespace() {
            try (RawWebSocket socket = connected()) {
                socket.send("40/custom");
                assertThat(socket.nextText()).startsWith("40/custom,{");
                assertThat(socket.nextText()).isEqualTo("42/custom,[\"auth\",{}]");
                socket.send("41/custom");
                socket.send("42[\"message\",\"message to main namespace\"]");
                assertThat(socket.nextText()).isEqualTo("42[\"message-back\",\"message to main namespace\"]");
            }
        }
    }

    @Nested
    @DisplayName("message")
    class Message {
        @Test
        void should_send_a_plain_text_packet() {
            try (RawWebSocket socket = connected()) {
                socket.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
                assertThat(socket.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            }
        }

        @Test
        void should_send_a_packet_with_binary_attachments() {
            try (RawWebSocket socket = connected()) {
                socket.send("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[] {1, 2, 3});
                socket.send(new byte[] {4, 5, 6});
                assertThat(socket.nextNonPing()).isEqualTo(
                        "452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertThat(socket.nextNonPing()).isEqualTo(new byte[] {1, 2, 3});
                assertThat(socket.nextNonPing()).isEqualTo(new byte[] {4, 5, 6});
            }
        }

        @Test
        void should_send_a_plain_text_packet_with_an_ack() {
            try (RawWebSocket socket = connected()) {
                socket.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
                assertThat(socket.nextText()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
            }
        }

        @Test
        void should_send_a_packet_with_binary_attachments_and_an_ack() {
            try (RawWebSocket socket = connected()) {
                socket.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},"
                        + "{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[] {1, 2, 3});
                socket.send(new byte[] {4, 5, 6});
                assertThat(socket.nextNonPing())
                        .isEqualTo("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertThat(socket.nextNonPing()).isEqualTo(new byte[] {1, 2, 3});
                assertThat(socket.nextNonPing()).isEqualTo(new byte[] {4, 5, 6});
            }
        }

        @Test
        void should_close_the_connection_upon_invalid_format_unknown_packet_type() {
            try (RawWebSocket socket = connected()) {
                socket.send("4abc");
                socket.awaitClose();
            }
        }

        @Test
        void should_close_the_connection_upon_invalid_format_invalid_payload_format() {
            try (RawWebSocket socket = connected()) {
                socket.send("42{}");
                socket.awaitClose();
            }
        }

        @Test
        void should_close_the_connection_upon_invalid_format_invalid_ack_id() {
            try (RawWebSocket socket = connected()) {
                socket.send("42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
                socket.awaitClose();
            }
        }
    }
}
