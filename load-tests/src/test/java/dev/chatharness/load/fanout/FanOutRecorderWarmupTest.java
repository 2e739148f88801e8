package dev.chatharness.load.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's deliveries reach the .hlog, tagged, and no figure of the run. */
class FanOutRecorderWarmupTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a warm-up delivery is logged in a tagged interval and left out of the run's latency")
    void warm_up_deliveries_are_logged_apart() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        FanOutRecorder recorder = new FanOutRecorder(1, clock::get);
        Path hlog = tmp.resolve("fanout.hlog");
        recorder.openLog(hlog);

        recorder.warmupDelivery(1_000_000, 1_000_150);
        recorder.warmupDelivery(1_000_010, 1_000_005); // negative: a stamping bug, not drawn either
        clock.addAndGet(1000);
        recorder.tick();
        recorder.delivery(1_001_000, 1_001_003);
        clock.addAndGet(1000);
        recorder.tick();
        recorder.closeLog();

        assertThat(recorder.latencyTotal().getTotalCount()).isEqualTo(1);
        assertThat(recorder.latencyTotal().getMaxValue()).isLessThan(4_000);
        assertThat(recorder.counts().negativeLatencies()).isZero();
        assertThat(Files.readAllLines(hlog)).filteredOn(l -> l.startsWith("Tag=" + FanOutRecorder.WARMUP_TAG + ","))
                .hasSize(1);
    }
}
