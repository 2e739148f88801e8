package dev.chatharness.load.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generator's stall meter: what counts as a stall, when it began, and that a real pause is seen. */
class StallMeterTest {

    @Test
    @DisplayName("a wake-up 10 ms late or more is a stall, dated from when it began; shorter ones are not")
    void late_wake_ups_become_stalls() {
        StallMeter meter = StallMeter.manual();
        meter.wokeLate(10_000, 3_000_000);     // 3 ms late: scheduling noise
        meter.wokeLate(20_000, 9_999_999);     // just under the bound
        meter.wokeLate(30_000, 87_000_000);    // a young collection of 87 ms
        meter.wokeLate(40_000, 12_500_000);

        assertThat(meter.between(0, Long.MAX_VALUE)).containsExactly(
                new StallMeter.Stall(29_913, 87.0), new StallMeter.Stall(39_987, 12.5));
    }

    @Test
    @DisplayName("only the stalls that began inside the window count")
    void stalls_outside_the_window_are_left_out() {
        StallMeter meter = StallMeter.manual();
        meter.wokeLate(1_050, 40_000_000);   // began at 1,010: during the warm-up
        meter.wokeLate(2_030, 40_000_000);   // began at 1,990, ended inside: still the warm-up's
        meter.wokeLate(2_500, 20_000_000);   // began at 2,480
        meter.wokeLate(5_020, 30_000_000);   // began at 4,990

        List<StallMeter.Stall> measured = meter.between(2_000, 5_000);

        assertThat(measured).extracting(StallMeter.Stall::startMillis).containsExactly(2_480L, 4_990L);
    }

    @Test
    @DisplayName("a running meter sees a thread that holds every other thread at a safepoint")
    void a_running_meter_sees_a_real_pause() throws Exception {
        try (StallMeter meter = StallMeter.start()) {
            long from = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                stopTheWorld(Duration.ofMillis(60));
                return meter.between(from, Long.MAX_VALUE).stream().anyMatch(s -> s.millis() >= StallMeter.STALL_MILLIS);
            });
        }
    }

    /**
     * Stops every Java thread for at least {@code length}: a full collection of a heap holding a large live graph.
     * The meter's thread cannot run during it, exactly as during a generator's own collection.
     */
    private static void stopTheWorld(Duration length) {
        long until = System.nanoTime() + length.toNanos();
        Object[] live = new Object[4_000_000];
        for (int i = 0; i < live.length; i++) {
            live[i] = new int[] {i};
        }
        while (System.nanoTime() < until) {
            System.gc();
        }
        assertThat(live[live.length - 1]).isNotNull();
    }
}
