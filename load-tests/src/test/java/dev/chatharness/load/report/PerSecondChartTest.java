package dev.chatharness.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.LoadResult;
import dev.chatharness.load.merge.ShardMerger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's chart of when latency went wrong: read from the .hlog, the warm-up shaded where it was. */
class PerSecondChartTest {

    @TempDir
    Path tmp;

    /** 3 s warm-up, then 2 calm seconds, a second where one delivery in ten took 400 ms, 2 calm seconds. */
    private static ReportFixture spikeAfterWarmup() {
        long[] spike = new long[50];
        java.util.Arrays.fill(spike, 3);
        for (int i = 0; i < 5; i++) {
            spike[i] = 400;
        }
        return new ReportFixture().warmupSeconds(3).steady(2, 50, 3).second(spike).steady(2, 50, 4);
    }

    @Test
    @DisplayName("the .hlog's intervals come back one a second, with each second's own percentiles")
    void timeline_reads_each_second() throws Exception {
        ReportFixture fixture = spikeAfterWarmup();
        Path dir = fixture.write(tmp.resolve("run"));

        LatencyTimeline t = LatencyTimeline.read(dir.resolve(ReportWriter.HLOG));

        // connect 2 s + warm-up 3 s + measured 5 s + grace 2 s
        assertThat(t.intervals()).hasSize(12);
        assertThat(t.intervals()).allSatisfy(i -> assertThat(i.endMillis() - i.startMillis()).isEqualTo(1000));
        List<LatencyTimeline.Interval> measured = t.intervals().stream().filter(LatencyTimeline.Interval::hasDeliveries).toList();
        assertThat(measured).hasSize(5);
        assertThat(measured.get(2).p99Ms()).isEqualTo(400.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(measured.get(2).p50Ms()).isEqualTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(measured.get(0).p99Ms()).isEqualTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(measured.stream().mapToLong(LatencyTimeline.Interval::count).sum())
                .isEqualTo(ReportWriter.readSummary(dir).deliveries().received());
    }

    @Test
    @DisplayName("the report shows p50/p99/max per second with the warm-up shaded before the first measured send")
    void html_has_the_per_second_chart_with_the_warm_up_marked() throws Exception {
        Path dir = spikeAfterWarmup().write(tmp.resolve("run"));

        String html = Files.readString(dir.resolve(ReportWriter.HTML));

        String chart = section(html, "id=\"per-second\"");
        assertThat(chart).contains("<svg class=\"timeline\"").contains(">p50<").contains(">p99<").contains(">max<");
        double[] band = warmupBand(chart);
        assertThat(chart).contains("warm-up (not measured)").contains("last measured send");
        double bandStart = band[0];
        double bandEnd = band[1];
        List<Double> xs = polylineXs(chart);
        assertThat(xs).isNotEmpty();
        // the band ends where measuring began: before every measured point, within the second that separates
        // the measured start from the end of the first measured interval
        double pxPerSecond = (bandEnd - bandStart) / 3;
        assertThat(xs).allSatisfy(x -> assertThat(x).isGreaterThan(bandEnd));
        assertThat(xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow() - bandEnd)
                .isLessThan(pxPerSecond);
        // the spike is in the table of the same figures, at its second (HdrHistogram keeps 3 significant digits)
        assertThat(chart).containsPattern("<tr><td>2.90</td><td>50</td><td>3.00</td><td>400.1</td><td>400.1</td></tr>");
        // and the charts that were there stay
        assertThat(html).contains("Fan-out latency by percentile").contains("Deliveries per second");
    }

    @Test
    @DisplayName("the warm-up's deliveries are drawn inside its band, and a merge keeps them out of the figures")
    void warm_up_latency_is_drawn_in_the_band_and_counted_nowhere() throws Exception {
        ReportFixture fixture = new ReportFixture().warmupSeconds(3)
                .warmupSecond(200, 200, 200).warmupSecond(20, 20).warmupSecond(5, 5)
                .steady(2, 50, 3);
        Path dir = fixture.write(tmp.resolve("run"));

        LatencyTimeline t = LatencyTimeline.read(dir.resolve(ReportWriter.HLOG));
        assertThat(t.intervals()).hasSize(2 + 3 + 2 + 2); // one per second, warm-up seconds included once
        assertThat(t.intervals().subList(2, 5)).extracting(i -> Math.round(i.maxMs()))
                .containsExactly(200L, 20L, 5L); // HdrHistogram keeps 3 significant digits

        String chart = section(Files.readString(dir.resolve(ReportWriter.HTML)), "id=\"per-second\"");
        assertCurvesReachIntoWarmupBand(chart);
        assertThat(chart).contains("its latency is drawn");

        LoadResult merged = new ShardMerger().merge(List.of(dir), tmp.resolve("merged"), null, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(merged.summary().latencyMs().count()).isEqualTo(100); // the measured deliveries only
        assertThat(merged.summary().latencyMs().max()).isLessThan(10);
    }

    @Test
    @DisplayName("a merged report draws the shards' warm-up latency inside its band too")
    void merged_report_keeps_the_warm_up_curve() throws Exception {
        Path a = new ReportFixture().warmupSeconds(3).warmupSecond(200, 200).warmupSecond(20).warmupSecond(5)
                .steady(2, 50, 3).write(tmp.resolve("shard-a"));
        Path b = new ReportFixture().warmupSeconds(3).warmupSecond(100).warmupSecond(30, 30).warmupSecond(4)
                .steady(2, 50, 3).write(tmp.resolve("shard-b"));
        Path out = tmp.resolve("merged");
        LoadResult merged = new ShardMerger().merge(List.of(a, b), out, null, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(merged.summary().latencyMs().count()).isEqualTo(200); // still the measured deliveries only

        LatencyTimeline t = LatencyTimeline.read(out.resolve(ReportWriter.HLOG));
        assertThat(t.intervals()).filteredOn(i -> i.maxMs() >= 4).extracting(i -> Math.round(i.maxMs()))
                .containsExactly(200L, 30L, 5L); // each warm-up second once, both shards' deliveries in it
        assertThat(t.intervals()).filteredOn(i -> i.maxMs() >= 4).extracting(LatencyTimeline.Interval::count)
                .containsExactly(3L, 3L, 2L);

        String chart = section(Files.readString(out.resolve(ReportWriter.HTML)), "id=\"per-second\"");
        assertCurvesReachIntoWarmupBand(chart);
    }

    @Test
    @DisplayName("without a warm-up there is no band, and the curve starts at the first measured second")
    void no_warm_up_no_band() throws Exception {
        Path dir = new ReportFixture().steady(4, 20, 5).write(tmp.resolve("run"));

        String chart = section(Files.readString(dir.resolve(ReportWriter.HTML)), "id=\"per-second\"");

        assertThat(chart).contains("<svg class=\"timeline\"").doesNotContain("class=\"warmup\"");
        assertThat(chart).contains("last measured send");
    }

    @Test
    @DisplayName("a run with no deliveries says so instead of drawing an empty chart")
    void no_deliveries_no_chart() throws Exception {
        Path dir = new ReportFixture().scenario("connections").write(tmp.resolve("storm"));

        String chart = section(Files.readString(dir.resolve(ReportWriter.HTML)), "id=\"per-second\"");

        assertThat(chart).contains("no deliveries recorded").doesNotContain("<svg class=\"timeline\"");
    }

    @Test
    @DisplayName("a damaged .hlog is an error that names the file, not a chart of nothing")
    void damaged_hlog_is_an_error() throws Exception {
        Path hlog = tmp.resolve("fanout.hlog");
        Files.writeString(hlog, "#[StartTime: 1796592556.563 (seconds since epoch)]\n"
                + "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n"
                + "1796592556.563,1.000,0.004,NOT-BASE64!!\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyTimeline.read(hlog))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("fanout.hlog");
    }

    /** From the heading with {@code marker} to the next heading. */
    static String section(String html, String marker) {
        int from = html.indexOf(marker);
        assertThat(from).as("section " + marker).isNotNegative();
        int to = html.indexOf("<h2", from + 1);
        return html.substring(from, to < 0 ? html.length() : to);
    }

    /** The x span of the chart's shaded warm-up band, {start, end}; fails when there is none. */
    private static double[] warmupBand(String chart) {
        Matcher band = Pattern.compile("<rect class=\"warmup\" x=\"([\\d.]+)\" y=\"\\d+\" width=\"([\\d.]+)\"")
                .matcher(chart);
        assertThat(band.find()).as("a shaded warm-up band").isTrue();
        double start = Double.parseDouble(band.group(1));
        return new double[] {start, start + Double.parseDouble(band.group(2))};
    }

    /** Some points of the curves lie inside the warm-up band: its latency is drawn there, not only shaded. */
    private static void assertCurvesReachIntoWarmupBand(String chart) {
        double bandEnd = warmupBand(chart)[1];
        assertThat(polylineXs(chart)).anySatisfy(x -> assertThat(x).isLessThan(bandEnd));
    }

    private static List<Double> polylineXs(String svg) {
        List<Double> xs = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline [^>]*points=\"([^\"]+)\"").matcher(svg);
        while (m.find()) {
            for (String p : m.group(1).trim().split(" ")) {
                xs.add(Double.parseDouble(p.split(",")[0]));
            }
        }
        return xs;
    }
}
