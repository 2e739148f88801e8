package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.engine.FrameSink;
import dev.chatharness.socketio.engine.LocalConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Jetty reports a WebSocket write that fails inside the send call (the peer reset the connection) as a connection
 * error on the sending thread. That thread is whoever emitted: an application handler that may hold its own locks
 * while it tells other users something. If the failed socket's disconnect handlers ran right there, two such
 * threads could each wait for the other's lock: the reference server deadlocked that way when 2,000 clients left
 * at once. socket.io never runs disconnect handlers inside an emit; neither may we.
 */
@DisplayName("A connection that fails inside a write is closed later, not inside the emit that wrote")
class CloseInsideWriteTest {
    private final SocketIoServer io = new SocketIoServer(SocketIoOptions.builder()
            .pingInterval(Duration.ofHours(1)).pingTimeout(Duration.ofHours(1)).build(), new ObjectMapper());

    @AfterEach
    void close() {
        io.close();
    }

    @Test
    void the_disconnect_handler_runs_on_another_thread_after_the_emit_returned() {
        AtomicReference<SocketIoSocket> connected = new AtomicReference<>();
        AtomicReference<Thread> disconnectedOn = new AtomicReference<>();
        io.defaultNamespace().onConnection(socket -> {
            connected.set(socket);
            socket.onDisconnect((s, reason) -> disconnectedOn.set(Thread.currentThread()));
        });
        ResettingSink sink = new ResettingSink();
        sink.connection = io.openLocal(new HandshakeRequest(Map.of(), Map.of("EIO", "4", "transport", "websocket"),
                "127.0.0.1"), sink);
        sink.connection.receiveText("40");
        assertThat(connected.get()).isNotNull();

        sink.reset = true;
        connected.get().emit("news", "written to a connection the peer has reset");

        await().atMost(Duration.ofSeconds(5)).until(() -> disconnectedOn.get() != null);
        assertThat(disconnectedOn.get()).as("the thread that ran the disconnect handler")
                .isNotSameAs(Thread.currentThread());
        await().atMost(Duration.ofSeconds(5)).until(() -> io.sessionCount() == 0);
    }

    /** Writes succeed until {@code reset}; then each write reports the connection's error inside the call, as Jetty does. */
    private static final class ResettingSink implements FrameSink {
        volatile LocalConnection connection;
        volatile boolean reset;

        @Override
        public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
            if (!reset) {
                written.run();
                return;
            }
            connection.disconnect(); // Jetty: processConnectionError -> onWebSocketError, on this thread
            failed.accept(new IOException("Connection reset by peer"));
        }

        @Override
        public void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed) {
            sendText("<binary>", written, failed);
        }

        @Override
        public void sendPing(byte[] payload, Runnable written, Consumer<Throwable> failed) {
            sendText("<ping>", written, failed);
        }

        @Override
        public void close() {
        }
    }
}
