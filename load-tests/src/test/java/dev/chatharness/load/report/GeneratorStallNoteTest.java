package dev.chatharness.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.LoadResult;
import dev.chatharness.load.fanout.StallMeter;
import dev.chatharness.load.merge.ShardMerger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose p99 is of the size of the generator's own stalls says so, in the terminal and in the HTML report;
 * a run whose stalls are small beside its p99 only counts them.
 */
class GeneratorStallNoteTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a p99 no more than twice the generator's longest stall gets a note naming the stall, and a mark on the chart")
    void a_stall_that_may_explain_the_p99_is_explained() throws IOException {
        ReportFixture fixture = new ReportFixture().steady(3, 100, 5).second(5, 5, 5, 70, 80);
        long inFourthSecond = fixture.measureStartMillis() + 3_200;
        FanOutSummary.GeneratorStalls stalls = FanOutSummary.GeneratorStalls.of(List.of(
                new StallMeter.Stall(fixture.measureStartMillis() + 900, 11.3),
                new StallMeter.Stall(inFourthSecond, 87.1)));
        Path report = fixture.generatorStalls(stalls).write(dir.resolve("stalled"));
        FanOutSummary summary = ReportWriter.readSummary(report);

        assertThat(summary.generatorStalls()).isEqualTo(new FanOutSummary.GeneratorStalls(2, 98.4, 87.1, List.of(
                new StallMeter.Stall(fixture.measureStartMillis() + 900, 11.3),
                new StallMeter.Stall(inFourthSecond, 87.1))));
        assertThat(printed(summary))
                .contains("load generator stalls of 10 ms or more: 2, 98.4 ms in all, longest 87.1 ms")
                .contains("note: the load generator itself stalled 2 times for 98 ms in all, up to 87 ms at once");
        assertThat(Files.readString(report.resolve(ReportWriter.HTML)))
                .contains("2 / 98.4 / 87.1")
                .contains("may be partly the generator's")
                .contains("<title>load generator stalled 87.1 ms</title>")
                .contains("<title>load generator stalled 11.3 ms</title>")
                .contains(">generator stall</text>");
    }

    @Test
    @DisplayName("stalls short beside the p99 are counted without a note; an older report without them reads as unknown")
    void small_stalls_are_only_counted() throws IOException {
        FanOutSummary small = ReportWriter.readSummary(new ReportFixture().steady(2, 100, 200)
                .generatorStalls(new FanOutSummary.GeneratorStalls(1, 12, 12, List.of())).write(dir.resolve("small")));
        FanOutSummary older = ReportWriter.readSummary(new ReportFixture().steady(2, 100, 5)
                .generatorStalls(null).write(dir.resolve("older")));

        assertThat(printed(small)).contains("stalls of 10 ms or more: 1").doesNotContain("note:");
        FanOutSummary once = ReportWriter.readSummary(new ReportFixture().steady(2, 100, 30)
                .generatorStalls(new FanOutSummary.GeneratorStalls(1, 21.5, 21.5, null)).write(dir.resolve("once")));
        assertThat(printed(once)).contains("note: the load generator itself stalled once, for 22 ms (");
        assertThat(older.generatorStalls()).isNull();
        assertThat(printed(older)).doesNotContain("generator stalls");
        assertThat(Files.readString(dir.resolve("small").resolve(ReportWriter.HTML))).doesNotContain("generator stall</text>");
    }

    @Test
    @DisplayName("a merge adds the shards' stalls and keeps the longest")
    void shards_stalls_add_up() throws IOException {
        StallMeter.Stall a1 = new StallMeter.Stall(1_000, 12);
        StallMeter.Stall a2 = new StallMeter.Stall(3_000, 18);
        StallMeter.Stall b1 = new StallMeter.Stall(2_000, 44);
        Path a = new ReportFixture().steady(2, 50, 5)
                .generatorStalls(FanOutSummary.GeneratorStalls.of(List.of(a1, a2))).write(dir.resolve("a"));
        Path b = new ReportFixture().steady(2, 50, 5)
                .generatorStalls(FanOutSummary.GeneratorStalls.of(List.of(b1))).write(dir.resolve("b"));

        LoadResult merged = new ShardMerger().merge(List.of(a, b), dir.resolve("merged"), null, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(ReportWriter.readSummary(dir.resolve("merged")).generatorStalls())
                .isEqualTo(new FanOutSummary.GeneratorStalls(3, 74, 44, List.of(a1, b1, a2)));
        assertThat(merged).isNotNull();
    }

    private static String printed(FanOutSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryPrinter.print(summary, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
