package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.merge.ShardMerger;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.LatencyTimeline;
import dev.chatharness.load.report.ReportWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two shards as two local JVMs against one reference server, then a merge: the merged counts are the sums and
 * the merged percentiles are those of one histogram of all deliveries.
 */
class ShardMergeTest {

    static final int ROOMS = 4;
    static final int MEMBERS = 4;
    static final int RATE = 16;

    @Test
    @Timeout(180)
    void merging_two_shards_sums_counts_and_percentiles_come_from_all_deliveries() throws Exception {
        Path base = Path.of("target", "load-smoke", "shards").toAbsolutePath();
        List<Path> dirs = List.of(base.resolve("shard-0"), base.resolve("shard-1"));
        base.toFile().mkdirs();
        try (ReferenceTarget target = new ReferenceTarget()) {
            List<Process> injectors = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                injectors.add(new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "-Xmx256m",
                        "-cp", System.getProperty("java.class.path"),
                        ShardProcessMain.class.getName(),
                        target.url().toString(), ReferenceTarget.SECRET, i + "/2", dirs.get(i).toString())
                        .redirectErrorStream(true)
                        .redirectOutput(base.resolve("shard-" + i + ".log").toFile())
                        .start());
            }
            for (int i = 0; i < injectors.size(); i++) {
                Process p = injectors.get(i);
                boolean ended = p.waitFor(150, TimeUnit.SECONDS);
                if (!ended) {
                    p.destroyForcibly();
                }
                assertThat(ended).as("shard %d ended in time", i).isTrue();
                assertThat(p.exitValue()).as("shard %d exit code; see %s", i,
                        base.resolve("shard-" + i + ".log")).isZero();
            }
        }

        FanOutSummary s0 = ReportWriter.readSummary(dirs.get(0));
        FanOutSummary s1 = ReportWriter.readSummary(dirs.get(1));
        LoadResult merged = new ShardMerger().merge(dirs, base.resolve("merged"), null, 0L, System.out);
        FanOutSummary m = merged.summary();

        assertThat(merged.status()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(m.shards()).containsExactly("0/2", "1/2");
        assertThat(s0.connections().planned()).isEqualTo(8);
        assertThat(m.connections().connected()).isEqualTo(s0.connections().connected() + s1.connections().connected());
        assertThat(m.messages().sent()).isEqualTo(s0.messages().sent() + s1.messages().sent());
        assertThat(m.deliveries().expected()).isEqualTo(s0.deliveries().expected() + s1.deliveries().expected());
        assertThat(m.deliveries().received()).isEqualTo(s0.deliveries().received() + s1.deliveries().received());
        assertThat(m.deliveries().received()).isPositive();
        assertThat(m.deliveries().lost()).isZero();
        assertThat(m.deliveriesPerSecond()).isEqualTo(s0.deliveriesPerSecond() + s1.deliveriesPerSecond());

        Histogram all = new Histogram(3_600_000_000L, 3);
        all.add(SmokeRuns.readHlog(dirs.get(0).resolve(ReportWriter.HLOG)));
        all.add(SmokeRuns.readHlog(dirs.get(1).resolve(ReportWriter.HLOG)));
        assertThat(all.getTotalCount()).isEqualTo(m.deliveries().received());
        FanOutSummary.Latency expected = FanOutSummary.Latency.of(all);
        assertThat(m.latencyMs()).isEqualTo(expected);
        assertThat(SmokeRuns.readHlog(base.resolve("merged").resolve(ReportWriter.HLOG)).getTotalCount())
                .isEqualTo(all.getTotalCount());
        // the merged .hlog keeps one interval a second, so the merged page has its per-second chart too
        LatencyTimeline mergedTimeline = LatencyTimeline.read(base.resolve("merged").resolve(ReportWriter.HLOG));
        assertThat(mergedTimeline.intervals()).hasSizeGreaterThan(1)
                .allSatisfy(i -> assertThat(i.endMillis() - i.startMillis()).isEqualTo(1000));
        assertThat(Files.readString(base.resolve("merged").resolve(ReportWriter.HTML)))
                .contains("<svg class=\"timeline\"");
        assertThat(new File(dirs.get(0).toFile(), "gatling")).isDirectory();
    }
}
