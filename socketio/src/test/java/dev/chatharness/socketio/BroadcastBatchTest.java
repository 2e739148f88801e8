package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.testing.MemorySink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BroadcastBatch: frames are queued in order at emit and written when the batch is closed")
class BroadcastBatchTest {

    private SocketIoServer io;
    private MemorySink alice;
    private MemorySink bob;

    @BeforeEach
    void twoSocketsInOneRoom() {
        io = new SocketIoServer(SocketIoOptions.builder()
                .pingInterval(Duration.ofHours(1)).pingTimeout(Duration.ofHours(1)).build(), new ObjectMapper());
        io.defaultNamespace().use(socket -> socket.join("room"));
        HandshakeRequest request = new HandshakeRequest(Map.of(), Map.of("EIO", "4", "transport", "websocket"),
                "127.0.0.1");
        alice = new MemorySink("alice");
        bob = new MemorySink("bob");
        io.openLocal(request, alice).receiveText("40");
        io.openLocal(request, bob).receiveText("40");
        assertThat(io.defaultNamespace().to("room").sockets()).hasSize(2);
    }

    @AfterEach
    void close() {
        io.close();
    }

    private void say(BroadcastBatch batch, String text) {
        io.defaultNamespace().to("room").inBatch(batch).emit("message", text);
    }

    private void say(String text) {
        io.defaultNamespace().to("room").emit("message", text);
    }

    @Test
    void nothing_is_written_before_close_and_everything_in_order_after() {
        BroadcastBatch batch = new BroadcastBatch();
        say(batch, "one");
        say(batch, "two");
        say(batch, "three");
        assertThat(alice.events()).isEmpty();

        batch.close();

        assertThat(alice.events()).containsExactly("42[\"message\",\"one\"]", "42[\"message\",\"two\"]",
                "42[\"message\",\"three\"]");
        assertThat(bob.events()).isEqualTo(alice.events());
    }

    @Test
    void a_frame_another_thread_sends_meanwhile_waits_behind_the_batched_ones() throws InterruptedException {
        try (BroadcastBatch batch = new BroadcastBatch()) {
            say(batch, "first, in the batch");
            Thread other = new Thread(() -> say("second, from another thread"));
            other.start();
            other.join();
            // the other thread found each socket's write owed by the batch: it queued and left
            assertThat(alice.events()).isEmpty();
        }

        assertThat(alice.events()).containsExactly("42[\"message\",\"first, in the batch\"]",
                "42[\"message\",\"second, from another thread\"]");
        assertThat(bob.events()).isEqualTo(alice.events());
    }

    @Test
    void try_with_resources_writes_what_was_queued_before_a_failure() {
        assertThatThrownBy(() -> {
            try (BroadcastBatch batch = new BroadcastBatch()) {
                say(batch, "before the failure");
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");

        assertThat(alice.events()).containsExactly("42[\"message\",\"before the failure\"]");
    }

    @Test
    void after_close_an_emit_through_the_batch_is_written_at_once() {
        BroadcastBatch batch = new BroadcastBatch();
        batch.close();
        say(batch, "late");
        assertThat(alice.events()).containsExactly("42[\"message\",\"late\"]");
    }

    @Test
    void without_a_batch_an_emit_is_written_at_once() {
        say("now");
        assertThat(alice.events()).containsExactly("42[\"message\",\"now\"]");
    }
}
