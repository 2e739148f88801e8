package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.fanout.FanOutRecorder;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.LatencyTimeline;
import dev.chatharness.load.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short FanOut (5 s, 4 rooms x 5 members, 20 msg/s) against the in-process reference server. */
class FanOutSmokeTest {

    private static ReferenceTarget target;

    @BeforeAll
    static void start() {
        target = new ReferenceTarget();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    @Timeout(90)
    void delivers_every_message_to_every_other_member_and_writes_the_report() throws Exception {
        SmokeRuns.Run run = SmokeRuns.run(SmokeRuns.smallRun(Scenario.FANOUT, target, "fanout")
                .maxLost(0L)
                // generous, but it makes Gatling evaluate an assertion on the bridged "fan-out latency" row
                .maxP99Ms(10_000.0)
                .build());
        LoadResult result = run.result();
        FanOutSummary s = result.summary();

        assertThat(result.status()).as(run.printed()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(s.connections().connected()).isEqualTo(20);
        // 20 msg/s for 5 s, each to the 4 other members of its room
        assertThat(s.messages().sent()).isBetween(95L, 100L);
        assertThat(s.messages().accepted()).isEqualTo(s.messages().sent());
        assertThat(s.messages().storedOnTarget()).isEqualTo(s.messages().accepted());
        assertThat(s.deliveries().expected()).isEqualTo(4 * s.messages().sent());
        assertThat(s.deliveries().received()).isEqualTo(s.deliveries().expected());
        assertThat(s.deliveries().lost()).isZero();
        assertThat(s.deliveries().duplicated()).isZero();
        assertThat(s.deliveries().outOfOrder()).isZero();
        assertThat(s.deliveries().negativeLatencies()).isZero();
        assertThat(s.latencyMs().p50()).isNotNull();
        assertThat(s.latencyMs().p99()).isGreaterThanOrEqualTo(s.latencyMs().p50());
        assertThat(s.deliveriesPerSecond()).isGreaterThan(0);
        assertThat(run.printed()).contains("connected 20/20").contains("result: PASSED");

        Path dir = result.reportDir();
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML))).contains("<svg").contains("Deliveries per second");
        Histogram hlog = SmokeRuns.readHlog(dir.resolve(ReportWriter.HLOG));
        assertThat(hlog.getTotalCount()).isEqualTo(s.deliveries().received());
        assertThat(ReportWriter.readSummary(dir)).isEqualTo(s);
        // the bridge: Gatling's own report has a fan-out latency row with one response per delivery
        assertThat(SmokeRuns.gatlingRowCount(dir, "fan-out latency")).contains(s.deliveries().received());
    }

    @Test
    @Timeout(90)
    void a_warm_up_is_sent_delivered_and_stored_but_counted_nowhere() throws Exception {
        SmokeRuns.Run run = SmokeRuns.run(SmokeRuns.smallRun(Scenario.FANOUT, target, "fanout-warmup")
                .warmup(java.time.Duration.ofSeconds(3))
                .gatlingFanoutRow(false)
                .maxLost(0L)
                .build());
        LoadResult result = run.result();
        FanOutSummary s = result.summary();

        assertThat(result.status()).as(run.printed()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(s.warmupSeconds()).isEqualTo(3.0);
        // the measured 5 s at 20 msg/s, as without a warm-up; the 3 s before it (about 60 messages) apart
        assertThat(s.messages().sent()).isBetween(95L, 100L);
        assertThat(s.messages().warmupAccepted()).isBetween(55L, 60L);
        assertThat(s.messages().storedOnTarget()).isEqualTo(s.messages().accepted() + s.messages().warmupAccepted());
        assertThat(s.deliveries().expected()).isEqualTo(4 * s.messages().sent());
        assertThat(s.deliveries().received()).isEqualTo(s.deliveries().expected());
        assertThat(s.deliveries().outOfOrder()).isZero();
        Path hlog = result.reportDir().resolve(ReportWriter.HLOG);
        assertThat(SmokeRuns.readHlog(hlog).getTotalCount()).isEqualTo(s.deliveries().received());
        // the warm-up's deliveries are in the log too, tagged apart: 4 receivers of each warm-up message
        assertThat(SmokeRuns.readHlog(hlog, FanOutRecorder.WARMUP_TAG).getTotalCount())
                .isBetween(4 * (s.messages().warmupAccepted() - 4), 4 * s.messages().warmupAccepted());
        assertThat(run.printed()).contains("5s after a 3s warm-up").contains("from the warm-up");
        // the page's per-second chart, read back from the run's own .hlog (the .hlog and the summary share one
        // clock): the warm-up's latency is drawn in the seconds before measuring began, and the warm-up is shaded
        LatencyTimeline timeline = LatencyTimeline.read(hlog);
        long measureStart = java.time.Instant.parse(s.sendPhaseStartedAt()).toEpochMilli();
        assertThat(timeline.intervals()).filteredOn(LatencyTimeline.Interval::hasDeliveries)
                .anySatisfy(i -> assertThat(i.endMillis()).isLessThanOrEqualTo(measureStart))
                .anySatisfy(i -> assertThat(i.startMillis()).isGreaterThanOrEqualTo(measureStart));
        assertThat(Files.readString(result.reportDir().resolve(ReportWriter.HTML)))
                .contains("Fan-out latency per second").contains("<svg class=\"timeline\"")
                .contains("<rect class=\"warmup\"");
        // no per-delivery row in Gatling's report when it is turned off
        assertThat(SmokeRuns.gatlingRowCount(result.reportDir(), "fan-out latency")).isEmpty();
    }
}
