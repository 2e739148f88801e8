package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.engine.LocalConnection;
import dev.chatharness.socketio.testing.MemorySink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A graceful shutdown can wait for clients to close their sessions")
class AwaitNoSessionsTest {

    @Test
    void waits_while_a_session_is_open_and_returns_as_soon_as_the_client_closes_it() throws Exception {
        try (SocketIoServer io = new SocketIoServer(SocketIoOptions.builder().build(), new ObjectMapper())) {
            LocalConnection client = io.openLocal(new HandshakeRequest(Map.of(),
                    Map.of("EIO", "4", "transport", "websocket"), "127.0.0.1"), new MemorySink("local"));
            client.receiveText("40");

            assertThat(io.awaitNoSessions(Duration.ofMillis(50))).as("a session is still open").isFalse();

            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return io.awaitNoSessions(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.disconnect();
            assertThat(waiting.get()).isTrue();
            assertThat(io.sessionCount()).isZero();
        }
    }
}
