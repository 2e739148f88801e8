package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.ReportWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load compare} as CI uses it: exit 0 without a regression, 1 with one (and which), 2 for folders that are
 * not reports. The report folders are written as a run writes them: the summary and page by {@link ReportWriter},
 * the {@code fanout.hlog} by HdrHistogram's log writer, one interval a second.
 */
class LoadCompareCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** A 5 s fanout run of 4 x 5 at 20 msg/s: 80 deliveries a second of {@code latencyMs}, {@code lost} lost. */
    private Path runFolder(String name, long latencyMs, long lost) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        long logStart = 1_796_592_556_563L;
        long measureStart = logStart + 2_150;
        Histogram total = new Histogram(3_600_000_000L, 3);
        try (PrintStream stream = new PrintStream(dir.resolve(ReportWriter.HLOG).toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(stream);
            log.outputLogFormatVersion();
            log.setBaseTime(0);
            log.outputStartTime(logStart);
            log.outputLegend();
            for (int second = 0; second < 8; second++) { // 2 s connect, 5 s measured, 1 s grace
                Histogram h = new Histogram(3_600_000_000L, 3);
                if (second >= 2 && second < 7) {
                    h.recordValueWithCount(latencyMs * 1000, 80);
                }
                h.setStartTimeStamp(logStart + second * 1000L);
                h.setEndTimeStamp(logStart + (second + 1) * 1000L);
                log.outputIntervalHistogram(h);
                total.add(h);
            }
        }
        Histogram connect = new Histogram(3_600_000_000L, 3);
        connect.recordValueWithCount(50_000, 20);
        long received = total.getTotalCount();
        FanOutSummary summary = FanOutSummary.assemble("fanout", "http://127.0.0.1:8080", name, List.of("0/1"), 4, 5,
                20, 5, Instant.ofEpochMilli(logStart).toString(), Instant.ofEpochMilli(measureStart).toString(), 5, 0,
                FanOutSummary.Latency.of(total), received / 5.0,
                new FanOutSummary.Deliveries(received + lost, received, lost, 0, 0, 0, 0),
                new FanOutSummary.Messages(100, 100, 0, 0, 100L, 0),
                new FanOutSummary.Connections(20, 20, 0, 0, FanOutSummary.Latency.of(connect), 0L), Map.of(), null,
                null);
        ReportWriter.write(dir, summary, total, connect, List.of());
        return dir;
    }

    @Test
    @DisplayName("no regression: exit 0, the table on standard output, the page in NEW/compare.html")
    void no_regression_exits_0() throws Exception {
        Path base = runFolder("base", 10, 0);
        Path candidate = runFolder("new", 11, 0);

        int code = run("load", "compare", base.toString(), candidate.toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.OK.code());
        assertThat(out.toString()).contains("fan-out p99 (ms)").contains("deliveries/s").contains("lost deliveries")
                .contains("connect p99 (ms)").contains("result: no regression beyond 20%")
                .contains("compare page: " + candidate.resolve("compare.html").toAbsolutePath());
        String page = Files.readString(candidate.resolve("compare.html"));
        assertThat(page).contains("<svg class=\"timeline\"").contains(">base p99<").contains(">new p99<");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("p99 up 50% with --max-regression 20%: exit 1, naming the figure")
    void latency_regression_exits_1() throws Exception {
        Path base = runFolder("base", 10, 0);
        Path candidate = runFolder("new", 15, 0);

        int code = run("load", "compare", base.toString(), candidate.toString(), "--max-regression", "20%");

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.CHECKS_FAILED.code());
        assertThat(out.toString()).containsPattern("fan-out p99 \\(ms\\) +10\\.01 +15\\.01 +\\+(49\\.9|50\\.0)% +REGRESSED")
                .contains("result: REGRESSED: fan-out p50 rose");
        // the same pair under a looser bound passes: the bound is what decides
        assertThat(run("load", "compare", base.toString(), candidate.toString(), "--max-regression", "60%"))
                .isEqualTo(ExitCode.OK.code());
    }

    @Test
    @DisplayName("one lost delivery where the base lost none: exit 1 whatever the bound; --json says which")
    void a_loss_exits_1_and_json_names_it() throws Exception {
        Path base = runFolder("base", 10, 0);
        Path candidate = runFolder("new", 10, 1);
        Path page = tmp.resolve("pages").resolve("gate.html");

        int code = run("load", "compare", base.toString(), candidate.toString(), "--max-regression", "500%",
                "--output", page.toString(), "--json");

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.CHECKS_FAILED.code());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("regressed").asBoolean()).isTrue();
        assertThat(json.get("regressions").get(0).asText()).contains("lost deliveries went from 0 to 1");
        assertThat(json.get("maxRegressionPercent").asDouble()).isEqualTo(500.0);
        assertThat(json.get("rows")).anySatisfy(r -> {
            assertThat(r.get("metric").asText()).isEqualTo("LOST");
            assertThat(r.get("new").asDouble()).isEqualTo(1.0);
            assertThat(r.get("verdict").asText()).isEqualTo("REGRESSED");
        });
        assertThat(page).exists();
        assertThat(candidate.resolve("compare.html")).doesNotExist();
    }

    @Test
    @DisplayName("a missing folder, one without a summary, or a bound without %: exit 2 with a one-line reason")
    void bad_folders_exit_2() throws Exception {
        Path base = runFolder("base", 10, 0);
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThat(run("load", "compare", base.toString(), tmp.resolve("nope").toString()))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("error: no such report folder: '" + tmp.resolve("nope") + "'");

        assertThat(run("load", "compare", empty.toString(), base.toString())).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("holds no fanout-summary.json");

        assertThat(run("load", "compare", base.toString(), base.toString(), "--max-regression", "20"))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--max-regression").contains("with a % sign");

        assertThat(run("load", "compare", base.toString())).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("Missing required parameter: 'NEW'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("runs of different rates are compared with a warning on standard error")
    void mismatched_runs_warn() throws Exception {
        Path base = runFolder("base", 10, 0);
        Path candidate = runFolder("new", 10, 0);
        FanOutSummary s = ReportWriter.readSummary(candidate);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> raw = json.readValue(candidate.resolve(ReportWriter.SUMMARY).toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        raw.put("rate", s.rate() * 2);
        json.writeValue(candidate.resolve(ReportWriter.SUMMARY).toFile(), raw);

        int code = run("load", "compare", base.toString(), candidate.toString());

        assertThat(code).isEqualTo(ExitCode.OK.code());
        assertThat(err.toString()).contains("warning: different rates (base 20/s, new 40/s)");
    }
}
