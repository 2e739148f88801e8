package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.testing.MemorySink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("writingAfter: frames are queued in order inside the scope and written when it ends")
class WritingAfterTest {

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

    private void say(String text) {
        io.defaultNamespace().to("room").emit("message", text);
    }

    @Test
    void nothing_is_written_inside_the_scope_and_everything_in_order_when_it_returns() {
        List<String> seenInside = io.writingAfter(() -> {
            say("one");
            say("two");
            say("three");
            return List.copyOf(alice.events());
        });

        assertThat(seenInside).isEmpty();
        assertThat(alice.events()).containsExactly("42[\"message\",\"one\"]", "42[\"message\",\"two\"]",
                "42[\"message\",\"three\"]");
        assertThat(bob.events()).isEqualTo(alice.events());
    }

    @Test
    void a_frame_another_thread_queues_meanwhile_waits_behind_the_deferred_ones() throws InterruptedException {
        io.writingAfter(() -> {
            say("first, from the scope");
            Thread other = new Thread(() -> say("second, from another thread"));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the other thread found a writer already owed for each socket: it queued and left
            assertThat(alice.events()).isEmpty();
            return null;
        });

        assertThat(alice.events()).containsExactly("42[\"message\",\"first, from the scope\"]",
                "42[\"message\",\"second, from another thread\"]");
        assertThat(bob.events()).isEqualTo(alice.events());
    }

    @Test
    void a_nested_scope_writes_when_the_outermost_returns() {
        io.writingAfter(() -> {
            io.writingAfter(() -> {
                say("inner");
                return null;
            });
            assertThat(alice.events()).isEmpty();
            return null;
        });

        assertThat(alice.events()).containsExactly("42[\"message\",\"inner\"]");
    }

    @Test
    void frames_queued_before_a_failure_are_still_written() {
        assertThatThrownBy(() -> io.writingAfter(() -> {
            say("before the failure");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(alice.events()).containsExactly("42[\"message\",\"before the failure\"]");
    }

    @Test
    void outside_a_scope_a_send_is_written_at_once() {
        say("now");
        assertThat(alice.events()).containsExactly("42[\"message\",\"now\"]");
    }
}
