package dev.chatharness.socketio.echo;

import static dev.chatharness.socketio.testing.EchoServer.pollingQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.socketio.testing.EchoServer;
import dev.chatharness.socketio.testing.RawHttp;
import dev.chatharness.socketio.testing.RawWebSocket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Socket.IO packets that the namespace's state makes invalid, against the protocol-echo server's {@code /socket.io/}:
 * socket.io 4.7.2 closes the whole connection for each (on a WebSocket a close frame without status, on polling the
 * next poll gets a noop and the close packet), as observed with {@code interop/protocol-edges}. Long heartbeat and
 * connect timeout: no case depends on them.
 */
@DisplayName("Socket.IO edge cases: what the namespace state refuses, as socket.io does")
class SocketIoEdgesTest {
    @RegisterExtension
    static final EchoServer echo = new EchoServer("/socket.io/");

    /** Packets sent after the session is open; {@code connected}: after CONNECT to "/" and its answers. */
    static List<Arguments> wrongState() {
        return List.of(
                Arguments.of("an EVENT before CONNECT", false, List.of("42[\"message\",\"early\"]")),
                Arguments.of("an ACK before CONNECT", false, List.of("431[]")),
                Arguments.of("a DISCONNECT before CONNECT", false, List.of("41")),
                Arguments.of("a second CONNECT", true, List.of("40")),
                Arguments.of("a CONNECT_ERROR from the client", true, List.of("44{\"message\":\"x\"}")),
                Arguments.of("an EVENT to a namespace not connected", true, List.of("42/custom,[\"message\",\"x\"]")),
                Arguments.of("an EVENT after DISCONNECT", true, List.of("41", "42[\"message\",\"late\"]")),
                Arguments.of("a DISCONNECT with a payload", true, List.of("41{}")),
                Arguments.of("eleven binary attachments", true, List.of("4511-[\"message\"]")),
                Arguments.of("a binary event with no attachment", true, List.of("450-[\"message\",\"x\"]")));
    }

    private static RawWebSocket webSocket(boolean connected) {
        RawWebSocket socket = RawWebSocket.connect("ws://127.0.0.1:" + echo.port()
                + "/socket.io/?EIO=4&transport=websocket", true);
        assertThat(socket.nextText()).startsWith("0{");
        if (connected) {
            socket.send("40");
            assertThat(socket.nextText()).startsWith("40{\"sid\"");
            assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");
        }
        return socket;
    }

    private static String pollingSession(boolean connected) {
        String sid = echo.http().handshake();
        if (connected) {
            assertThat(echo.http().post(pollingQuery(sid), "40").body()).isEqualTo("ok");
            assertThat(echo.http().get(pollingQuery(sid)).body()).startsWith("40{\"sid\"").endsWith("42[\"auth\",{}]");
        }
        return sid;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongState")
    void over_a_websocket_closes_the_connection(String what, boolean connected, List<String> packets) {
        try (RawWebSocket socket = webSocket(connected)) {
            packets.forEach(socket::send);
            assertThat(socket.awaitClose()).isEqualTo(1005);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongState")
    void over_polling_closes_the_session(String what, boolean connected, List<String> packets) {
        String sid = pollingSession(connected);
        for (String packet : packets) {
            assertThat(echo.http().post(pollingQuery(sid), packet).body()).isEqualTo("ok");
        }
        RawHttp.Response poll = echo.http().get(pollingQuery(sid));
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo("6\u001e1"); // a noop, then the close packet
        assertThat(echo.http().get(pollingQuery(sid)).status()).isEqualTo(400);
    }

    /** Over a WebSocket, see {@code DuplicateConnectTest}: the race needs both frames sent before any answer. */
    @Test
    void a_second_connect_in_the_same_post_as_the_first_is_ignored() {
        String sid = pollingSession(false);
        assertThat(echo.http().post(pollingQuery(sid), "40\u001e40").body()).isEqualTo("ok");
        assertThat(echo.http().get(pollingQuery(sid)).body()).startsWith("40{\"sid\"").endsWith("42[\"auth\",{}]");
        assertThat(echo.http().post(pollingQuery(sid), "42[\"message\",\"still\"]").body()).isEqualTo("ok");
        assertThat(echo.http().get(pollingQuery(sid)).body()).isEqualTo("42[\"message-back\",\"still\"]");
    }

    @Test
    void a_connect_to_an_unknown_namespace_is_refused_and_the_connection_stays() {
        try (RawWebSocket socket = webSocket(true)) {
            socket.send("40/nope,");
            assertThat(socket.nextText()).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
            socket.send("42[\"message\",\"still\"]");
            assertThat(socket.nextText()).isEqualTo("42[\"message-back\",\"still\"]");
        }
    }

    @Test
    void an_ack_nobody_asked_for_and_an_event_named_by_a_number_are_let_through() {
        try (RawWebSocket socket = webSocket(true)) {
            socket.send("4399[\"x\"]");
            socket.send("42[1,\"x\"]");
            socket.send("42[\"message\",\"still\"]");
            assertThat(socket.nextText()).isEqualTo("42[\"message-back\",\"still\"]");
        }
    }
}
