package dev.chatharness.load.compare;

import static dev.chatharness.load.report.HtmlText.esc;
import static dev.chatharness.load.report.HtmlText.fmt;

import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.HtmlText;
import dev.chatharness.load.report.LatencyTimeline.Interval;
import dev.chatharness.load.report.RunPhases;
import dev.chatharness.load.report.TimelineChart;
import dev.chatharness.load.report.TimelineChart.Curve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code compare.html}: the two runs, the table of figures with their verdicts, and both runs' per-second curves
 * overlaid (base dashed, new solid) on the time since each began measuring. One self-contained page, no script.
 */
public final class ComparisonPage {

    public static final String DEFAULT_FILE = "compare.html";

    private ComparisonPage() {
    }

    public static void write(Comparison c, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(c), StandardCharsets.UTF_8);
    }

    public static String render(Comparison c) {
        StringBuilder html = new StringBuilder(32_768);
        html.append(HtmlText.head("chat-harness load compare"));
        html.append("<h1>load compare</h1>");
        html.append(c.regressed()
                ? "<p class=\"bad\">" + esc(ComparisonTable.verdict(c)) + "</p>"
                : "<p class=\"ok\">" + esc(ComparisonTable.verdict(c)) + "</p>");
        if (!c.warnings().isEmpty()) {
            html.append("<ul class=\"warn\">");
            c.warnings().forEach(w -> html.append("<li>warning: ").append(esc(w)).append("</li>"));
            html.append("</ul>");
        }
        runs(html, c);
        rows(html, c);
        html.append("<h2 id=\"per-second\">Fan-out latency per second, both runs</h2>");
        html.append("<p>p50 and p99 of each second's deliveries, base dashed, new solid, on a log scale (below 1 ms ")
                .append("drawn at 1 ms). Both runs count time from their first measured send; shaded: warm-up, not ")
                .append("measured.</p>");
        html.append(latencyChart(c).svg());
        html.append("<h2>Deliveries per second, both runs</h2>").append(throughputChart(c).svg());
        return html.append("</body></html>").toString();
    }

    private static void runs(StringBuilder html, Comparison c) {
        html.append("<table><tr><th></th><th>base</th><th>new</th></tr>");
        FanOutSummary b = c.baseRun().summary();
        FanOutSummary n = c.candidateRun().summary();
        runRow(html, "report folder", c.baseDir(), c.candidateDir());
        runRow(html, "what", c.baseRun().shape(), c.candidateRun().shape());
        runRow(html, "target", b.target(), n.target());
        runRow(html, "run", b.runId(), n.runId());
        runRow(html, "started", b.startedAt(), n.startedAt());
        runRow(html, "its own thresholds", thresholds(b), thresholds(n));
        runRow(html, "load generator stalls >= 10 ms: count, longest", stalls(b), stalls(n));
        html.append("</table>");
    }

    private static String stalls(FanOutSummary s) {
        FanOutSummary.GeneratorStalls g = s.generatorStalls();
        return g == null ? "not measured (an older report)" : g.count() + ", " + fmt(g.maxMs()) + " ms";
    }

    private static String thresholds(FanOutSummary s) {
        return s.passed() ? "passed" : "broken: " + String.join("; ", s.thresholds().broken());
    }

    private static void runRow(StringBuilder html, String name, String base, String candidate) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(base)).append("</td><td>")
                .append(esc(candidate)).append("</td></tr>");
    }

    private static void rows(StringBuilder html, Comparison c) {
        html.append("<h2>Figures</h2><p>Max regression ").append(esc(c.bound().toString()))
                .append("; latency changes of ").append(fmt(RunComparator.LATENCY_RESOLUTION_MS))
                .append(" ms or less never count (the clock's resolution); lost, duplicated, out-of-order deliveries ")
                .append("and failed connections going from 0 to any is a regression whatever the bound.</p>");
        html.append("<table><tr><th>figure</th><th>base</th><th>new</th><th>change</th><th>verdict</th></tr>");
        for (MetricDiff d : c.rows()) {
            String css = switch (d.verdict()) {
                case REGRESSED -> " class=\"bad\"";
                case IMPROVED -> " class=\"ok\"";
                default -> "";
            };
            html.append("<tr><th>").append(esc(d.metric().label()))
                    .append(d.metric().unit().isEmpty() ? "" : " (" + esc(d.metric().unit()) + ")")
                    .append("</th><td>").append(esc(ComparisonTable.value(d, d.base()))).append("</td><td>")
                    .append(esc(ComparisonTable.value(d, d.candidate()))).append("</td><td>")
                    .append(esc(ComparisonTable.change(d))).append("</td><td").append(css).append(" title=\"")
                    .append(esc(d.reason())).append("\">").append(esc(d.verdict().word())).append("</td></tr>");
        }
        html.append("</table>");
    }

    static TimelineChart latencyChart(Comparison c) {
        TimelineChart chart = new TimelineChart("fan-out latency per second, base and new", "latency, ms (log scale)",
                TimelineChart.Scale.LOG_MS);
        ReportFolder b = c.baseRun();
        ReportFolder n = c.candidateRun();
        chart.curve(new Curve("base p50", TimelineChart.P50_COLOR, true, points(b, Interval::p50Ms)));
        chart.curve(new Curve("new p50", TimelineChart.P50_COLOR, false, points(n, Interval::p50Ms)));
        chart.curve(new Curve("base p99", TimelineChart.P99_COLOR, true, points(b, Interval::p99Ms)));
        chart.curve(new Curve("new p99", TimelineChart.P99_COLOR, false, points(n, Interval::p99Ms)));
        return phases(chart, b.phases(), n.phases());
    }

    static TimelineChart throughputChart(Comparison c) {
        TimelineChart chart = new TimelineChart("deliveries per second, base and new", "deliveries / s",
                TimelineChart.Scale.LINEAR);
        chart.curve(new Curve("base", "#616161", true, points(c.baseRun(), Interval::perSecond)));
        chart.curve(new Curve("new", "#e65100", false, points(c.candidateRun(), Interval::perSecond)));
        return phases(chart, c.baseRun().phases(), c.candidateRun().phases());
    }

    private static java.util.List<double[]> points(ReportFolder r,
                                                   java.util.function.ToDoubleFunction<Interval> y) {
        return TimelineChart.points(r.timeline(), r.phases(), i -> i.hasDeliveries() ? y.applyAsDouble(i) : Double.NaN);
    }

    /** One band and marker when both runs had the same phases, else each run's, named. */
    private static TimelineChart phases(TimelineChart chart, Optional<RunPhases> base, Optional<RunPhases> candidate) {
        if (base.isPresent() && candidate.isPresent() && sameShape(base.get(), candidate.get())) {
            return chart.phases(base.get(), "");
        }
        base.ifPresent(p -> chart.phases(p, "base "));
        candidate.ifPresent(p -> chart.phases(p, "new "));
        return chart;
    }

    private static boolean sameShape(RunPhases a, RunPhases b) {
        return a.measureStartMillis() - a.warmupStartMillis() == b.measureStartMillis() - b.warmupStartMillis()
                && a.measureEndMillis() - a.measureStartMillis() == b.measureEndMillis() - b.measureStartMillis();
    }
}
