package dev.chatharness.load.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatharness.load.compare.MetricDiff.Verdict;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.ReportFixture;
import dev.chatharness.load.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which way is worse for each figure, and when a change is beyond the bound: on report folders written as runs write them. */
class RunComparatorTest {

    @TempDir
    Path tmp;

    private final RunComparator twentyPercent = new RunComparator(RegressionBound.parse("20%"));

    private Comparison compare(ReportFixture base, ReportFixture candidate) throws Exception {
        return twentyPercent.compare(ReportFolder.read(base.write(tmp.resolve("base"))),
                ReportFolder.read(candidate.write(tmp.resolve("new"))));
    }

    private static MetricDiff row(Comparison c, Metric m) {
        return c.rows().stream().filter(r -> r.metric() == m).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("the same run twice: every figure ok, nothing regressed, no warning")
    void same_figures_no_regression() throws Exception {
        Comparison c = compare(new ReportFixture().steady(5, 40, 10), new ReportFixture().steady(5, 40, 10));

        assertThat(c.regressed()).isFalse();
        assertThat(c.rows()).extracting(MetricDiff::verdict).containsOnly(Verdict.OK);
        assertThat(c.warnings()).isEmpty();
        assertThat(row(c, Metric.FANOUT_P99).changePercent()).isZero();
    }

    @Test
    @DisplayName("p99 up 50% is a regression beyond 20%, and the reason names the figure and both values")
    void latency_up_beyond_the_bound_regresses() throws Exception {
        Comparison c = compare(new ReportFixture().steady(5, 100, 10), new ReportFixture().steady(5, 100, 15));

        MetricDiff p99 = row(c, Metric.FANOUT_P99);
        assertThat(p99.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(p99.changePercent()).isBetween(49.0, 51.0);
        assertThat(p99.reason()).contains("fan-out p99 rose +50").contains("10.01 ms -> 15.01 ms").contains("beyond 20%");
        assertThat(c.regressed()).isTrue();
        assertThat(c.regressions()).contains(p99.reason());
    }

    @Test
    @DisplayName("a regression measured while the new run's generator stalled for about its p99 carries a warning")
    void a_regression_the_generator_may_explain_is_flagged() throws Exception {
        FanOutSummary.GeneratorStalls stalled = new FanOutSummary.GeneratorStalls(9, 180, 42, null);
        Comparison c = compare(new ReportFixture().steady(5, 100, 30),
                new ReportFixture().steady(5, 100, 60).generatorStalls(stalled));

        assertThat(c.regressed()).isTrue(); // the verdict stands: the warning tells the reader what to suspect
        assertThat(c.warnings()).containsExactly("new run: its load generator stalled for up to 42 ms (9 stalls of "
                + "10 ms or more), against a p99 of 60.0 ms: its latency may be partly the generator's");
        assertThat(ComparisonPage.render(c)).contains("load generator stalls &gt;= 10 ms: count, longest")
                .contains("<td>0, 0 ms</td><td>9, 42 ms</td>");
    }

    @Test
    @DisplayName("latency up 15% is within 20%: ok; down 50% is better, never a failure")
    void within_the_bound_and_better() throws Exception {
        assertThat(compare(new ReportFixture().steady(5, 100, 20), new ReportFixture().steady(5, 100, 23)).regressed())
                .isFalse();
        Comparison better = compare(new ReportFixture().steady(5, 100, 20), new ReportFixture().steady(5, 100, 10));
        assertThat(row(better, Metric.FANOUT_P99).verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(better.regressed()).isFalse();
    }

    @Test
    @DisplayName("0 to 1 ms is the clock's resolution, not +100%: a loopback p50 never fails a gate on its own")
    void one_millisecond_is_noise() throws Exception {
        Comparison c = compare(new ReportFixture().steady(5, 100, 0), new ReportFixture().steady(5, 100, 1));

        assertThat(row(c, Metric.FANOUT_P50).verdict()).isEqualTo(Verdict.OK);
        assertThat(c.regressed()).isFalse();
        // 3 to 4 ms reads 3.0009 to 4.001 in HdrHistogram's buckets: still one tick of the clock
        Comparison oneTick = compare(new ReportFixture().steady(5, 100, 3), new ReportFixture().steady(5, 100, 4));
        assertThat(row(oneTick, Metric.FANOUT_P50).verdict()).isEqualTo(Verdict.OK);
        Comparison twoMs = compare(new ReportFixture().steady(5, 100, 1), new ReportFixture().steady(5, 100, 3));
        assertThat(row(twoMs, Metric.FANOUT_P50).verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    @DisplayName("lost going from 0 to 1 is a regression whatever the bound, even 1000%")
    void any_loss_from_zero_regresses() throws Exception {
        Path base = new ReportFixture().steady(5, 100, 10).write(tmp.resolve("b"));
        Path candidate = new ReportFixture().steady(5, 100, 10).lost(1).write(tmp.resolve("n"));

        Comparison c = new RunComparator(RegressionBound.parse("1000%"))
                .compare(ReportFolder.read(base), ReportFolder.read(candidate));

        MetricDiff lost = row(c, Metric.LOST);
        assertThat(lost.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(lost.reason()).contains("lost deliveries went from 0 to 1");
        assertThat(c.regressed()).isTrue();
    }

    @Test
    @DisplayName("deliveries/s: lower is worse; 30% fewer is a regression, more is better")
    void throughput_down_regresses() throws Exception {
        Comparison fewer = compare(new ReportFixture().steady(5, 100, 10), new ReportFixture().steady(5, 70, 10));
        assertThat(row(fewer, Metric.DELIVERIES_PER_SECOND).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(row(fewer, Metric.DELIVERIES_PER_SECOND).reason()).contains("deliveries/s fell -30.0%");

        Comparison more = compare(new ReportFixture().steady(5, 100, 10), new ReportFixture().steady(5, 130, 10));
        assertThat(row(more, Metric.DELIVERIES_PER_SECOND).verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    @DisplayName("connect times are compared too: a slower connect p99 regresses")
    void connect_times_regress() throws Exception {
        Comparison c = compare(new ReportFixture().steady(3, 10, 5).connectMillis(100, 120, 140, 200),
                new ReportFixture().steady(3, 10, 5).connectMillis(100, 120, 140, 400));

        assertThat(row(c, Metric.CONNECT_P99).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(row(c, Metric.CONNECT_P50).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    @DisplayName("a connection storm has no fan-out figures: those rows are n/a, never a regression")
    void storm_rows_are_not_compared() throws Exception {
        Comparison c = compare(new ReportFixture().scenario("connections"), new ReportFixture().scenario("connections"));

        assertThat(row(c, Metric.FANOUT_P99).verdict()).isEqualTo(Verdict.NOT_COMPARED);
        assertThat(row(c, Metric.DELIVERIES_PER_SECOND).verdict()).isEqualTo(Verdict.NOT_COMPARED);
        assertThat(row(c, Metric.CONNECT_P99).verdict()).isEqualTo(Verdict.OK);
        assertThat(c.regressed()).isFalse();
    }

    @Test
    @DisplayName("runs of different scenarios, rates, sizes and warm-ups are compared with a warning for each")
    void mismatches_are_warned_about() throws Exception {
        Comparison c = compare(new ReportFixture().steady(5, 20, 5),
                new ReportFixture().scenario("mix").rate(100).size(8, 5).warmupSeconds(3).steady(5, 20, 5));

        assertThat(c.warnings()).anyMatch(w -> w.startsWith("different scenarios (base fanout, new mix)"))
                .anyMatch(w -> w.startsWith("different rates (base 50/s, new 100/s)"))
                .anyMatch(w -> w.startsWith("different sizes (base 4 x 5, new 8 x 5"))
                .anyMatch(w -> w.startsWith("different warm-ups"));
    }

    @Test
    @DisplayName("a folder that is not a run's report is refused in one line that names it")
    void bad_folders_are_refused() throws Exception {
        assertThatThrownBy(() -> ReportFolder.read(tmp.resolve("missing")))
                .isInstanceOf(ReportFolderException.class).hasMessageContaining("no such report folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ReportFolder.read(empty))
                .isInstanceOf(ReportFolderException.class).hasMessageContaining("holds no fanout-summary.json");
        Path garbled = Files.createDirectories(tmp.resolve("garbled"));
        Files.writeString(garbled.resolve(ReportWriter.SUMMARY), "{ not json");
        assertThatThrownBy(() -> ReportFolder.read(garbled))
                .isInstanceOf(ReportFolderException.class).hasMessageContaining("cannot read");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve(ReportWriter.SUMMARY), "{\"schema\":\"something/else/9\"}");
        assertThatThrownBy(() -> ReportFolder.read(other))
                .isInstanceOf(ReportFolderException.class).hasMessageContaining("schema 'something/else/9'");
    }

    @Test
    @DisplayName("a bound is a percentage with its sign; a bare number is refused rather than guessed")
    void bounds_parse() {
        assertThat(RegressionBound.parse("20%").fraction()).isEqualTo(0.2);
        assertThat(RegressionBound.parse("2.5%").fraction()).isEqualTo(0.025);
        assertThat(RegressionBound.parse("0%").fraction()).isZero();
        assertThatThrownBy(() -> RegressionBound.parse("20")).hasMessageContaining("with a % sign");
        assertThatThrownBy(() -> RegressionBound.parse("-5%")).hasMessageContaining("0% or more");
        assertThatThrownBy(() -> RegressionBound.parse("lots%")).hasMessageContaining("not a percentage");
    }

    @Test
    @DisplayName("the page overlays both runs' per-second curves, base dashed and new solid, with the warm-up shaded")
    void page_overlays_both_curves() throws Exception {
        Comparison c = compare(new ReportFixture().warmupSeconds(2).steady(5, 40, 10),
                new ReportFixture().warmupSeconds(2).steady(5, 40, 30));

        String html = ComparisonPage.render(c);

        assertThat(html).contains("REGRESSED").contains("fan-out p99 rose");
        assertThat(html).contains(">base p99<").contains(">new p99<").contains(">base p50<").contains(">new p50<");
        assertThat(html).contains("class=\"warmup\"").contains("Deliveries per second, both runs");
        // a curve per run and figure: four latency polylines, two of deliveries per second
        assertThat(html.split("<polyline ", -1)).hasSize(1 + 4 + 2);
    }
}
