package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.engine.LocalConnection;
import dev.chatharness.socketio.testing.MemorySink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A peer that stops reading costs bounded memory and disturbs no one else")
class SlowConsumerTest {
    private static final int BOUND = 50;

    @Test
    void a_session_whose_send_queue_passes_the_bound_is_closed_while_a_healthy_one_keeps_receiving() {
        Map<String, String> reasons = new ConcurrentHashMap<>();
        List<String> connected = new CopyOnWriteArrayList<>();
        try (SocketIoServer io = new SocketIoServer(SocketIoOptions.builder().maxQueuedPackets(BOUND)
                .pingInterval(Duration.ofHours(1)).pingTimeout(Duration.ofHours(1)).build(), new ObjectMapper())) {
            io.defaultNamespace().onConnection(socket -> {
                socket.join("room");
                connected.add(socket.id());
                socket.onDisconnect((s, reason) -> reasons.put(s.id(), reason));
            });
            HandshakeRequest request = new HandshakeRequest(Map.of(), Map.of("EIO", "4", "transport", "websocket"),
                    "127.0.0.1");
            MemorySink stalled = new MemorySink("stalled", true);
            MemorySink healthy = new MemorySink("healthy");
            LocalConnection slow = io.openLocal(request, stalled);
            slow.receiveText("40");
            io.openLocal(request, healthy).receiveText("40");
            assertThat(connected).hasSize(2);
            String slowSocket = connected.get(0);

            for (int i = 0; i < BOUND * 3; i++) {
                io.defaultNamespace().to("room").emit("message", Map.of("n", i));
            }

            assertThat(reasons).containsEntry(slowSocket, "transport error");
            assertThat(slow.session().isOpen()).isFalse();
            // Everything sent reached the healthy peer: open packet, CONNECT ack, and every broadcast.
            assertThat(healthy.frames().size()).isEqualTo(2 + BOUND * 3);
            assertThat(io.defaultNamespace().to("room").sockets()).hasSize(1);
        }
    }

    @Test
    void the_bound_is_validated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SocketIoOptions.builder().maxQueuedPackets(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueuedPackets");
    }
}
