package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.engine.LocalConnection;
import dev.chatharness.socketio.testing.MemorySink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A second CONNECT to a namespace already connected: socket.io closes the connection, unless the CONNECT was sent
 * before the client could have read the answer to the first (socket.io's asynchronous join lets that race through,
 * and the official JavaScript client runs into it). On a WebSocket the client has read the answer once it answers
 * the ping sent after it; an in-memory connection makes each step explicit.
 */
@DisplayName("A second CONNECT: a race before the answer is read, a protocol error after")
class DuplicateConnectTest {
    private SocketIoServer io;
    private MemorySink sink;
    private LocalConnection client;

    @BeforeEach
    void connect() {
        io = new SocketIoServer(SocketIoOptions.builder()
                .pingInterval(Duration.ofHours(1)).pingTimeout(Duration.ofHours(1)).build(), new ObjectMapper());
        io.defaultNamespace().onConnection(socket ->
                socket.on("message", (s, args, ack) -> s.emit("message-back", args.toArray())));
        sink = new MemorySink("client");
        client = io.openLocal(new HandshakeRequest(Map.of(), Map.of("EIO", "4", "transport", "websocket"),
                "127.0.0.1"), sink);
    }

    @AfterEach
    void close() {
        io.close();
    }

    private long connectAnswers() {
        return sink.frames().stream().filter(f -> f.startsWith("40{\"sid\"")).count();
    }

    @Test
    void before_the_client_answered_the_ping_that_follows_the_answer_it_is_ignored() {
        client.receiveText("40");
        client.receiveText("40");

        assertThat(connectAnswers()).isEqualTo(1);
        assertThat(sink.isClosed()).isFalse();
        client.receiveText("42[\"message\",\"still\"]");
        assertThat(sink.events()).containsExactly("42[\"message-back\",\"still\"]");
    }

    @Test
    void once_the_client_answered_that_ping_it_closes_the_connection() {
        client.receiveText("40");
        assertThat(sink.pings()).hasSize(1); // sent behind the CONNECT answer
        client.receivePong(sink.pings().get(0));

        client.receiveText("40");

        assertThat(sink.isClosed()).isTrue();
        assertThat(io.sessionCount()).isZero();
    }

    @Test
    void a_pong_of_some_other_ping_proves_nothing() {
        client.receiveText("40");
        client.receivePong("not ours".getBytes());

        client.receiveText("40");

        assertThat(sink.isClosed()).isFalse();
        assertThat(connectAnswers()).isEqualTo(1);
    }
}
