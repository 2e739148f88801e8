package dev.chatharness.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The answers of polls read after their session closed: they depend on when each poll arrived. */
@DisplayName("Polls read after a close")
class SessionRegistryTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SessionRegistry registry = new SessionRegistry(scheduler, Duration.ofMinutes(1));
    private final long closedAt = System.nanoTime();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void a_poll_that_arrived_before_a_server_close_gets_the_close_packet_and_one_after_it_400() {
        registry.rememberClosed("s", closedAt, "1", false);
        assertThat(registry.lateAnswer("s", closedAt - 1)).isEqualTo("1");
        assertThat(registry.lateAnswer("s", closedAt + 1)).isNull();
    }

    @Test
    void the_noop_of_a_clients_close_goes_to_one_poll_whether_it_arrived_before_or_just_after() {
        registry.rememberClosed("before", closedAt, "6", true);
        assertThat(registry.lateAnswer("before", closedAt - 1)).isEqualTo("6");
        assertThat(registry.lateAnswer("before", closedAt + 1)).isNull();

        registry.rememberClosed("after", closedAt, "6", true);
        assertThat(registry.lateAnswer("after", closedAt + 1)).isEqualTo("6");
        assertThat(registry.lateAnswer("after", closedAt + 2)).isNull();
    }

    @Test
    void no_noop_when_a_waiting_poll_already_had_it_or_long_after_the_close() {
        registry.rememberClosed("answered", closedAt, "6", false);
        assertThat(registry.lateAnswer("answered", closedAt + 1)).isNull();

        registry.rememberClosed("late", closedAt, "6", true);
        assertThat(registry.lateAnswer("late", closedAt + 2 * SECOND)).isNull();
    }

    @Test
    void an_unknown_sid_has_no_answer() {
        assertThat(registry.lateAnswer("never", closedAt)).isNull();
    }
}
