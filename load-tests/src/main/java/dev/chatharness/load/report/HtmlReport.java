package dev.chatharness.load.report;

import static dev.chatharness.load.report.HtmlText.esc;
import static dev.chatharness.load.report.HtmlText.fmt;

import dev.chatharness.load.fanout.FanOutRecorder.SeriesPoint;
import dev.chatharness.load.fanout.StallMeter;
import dev.chatharness.load.report.LatencyTimeline.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A self-contained HTML page (inline SVG, no script, no CDN): the summary table, fan-out latency p50/p99/max
 * second by second (from the {@code .hlog}, the warm-up shaded: <em>when</em> latency went wrong), the fan-out
 * latency by percentile (x on the usual HdrHistogram scale, 1/(1-p), so the tail is readable) and deliveries per
 * second.
 */
final class HtmlReport {

    private static final int W = 720;
    private static final int H = 300;
    private static final int PAD = 56;

    private HtmlReport() {
    }

    static String render(FanOutSummary s, Histogram latency, List<SeriesPoint> series, LatencyTimeline timeline) {
        StringBuilder html = new StringBuilder(16_384);
        html.append(HtmlText.head("chat-harness " + s.scenario() + " report"));
        html.append("<h1>").append(esc(s.scenario())).append(" against ").append(esc(s.target())).append("</h1>");
        html.append("<p>run ").append(esc(s.runId())).append(", shards ").append(esc(String.join(", ", s.shards())))
                .append(", ").append(s.rooms()).append(" rooms x ").append(s.members()).append(" members, ")
                .append(fmt(s.rate())).append(" msg/s for ").append(fmt(s.durationSeconds())).append(" s");
        if (s.warmupSeconds() > 0) {
            html.append(" after a ").append(fmt(s.warmupSeconds())).append(" s warm-up");
        }
        html.append(", started ").append(esc(s.startedAt())).append("</p>");
        html.append(s.passed() ? "<p class=\"ok\">thresholds passed</p>"
                : "<p class=\"bad\">thresholds broken: " + esc(String.join("; ", s.thresholds().broken())) + "</p>");
        table(html, s);
        perSecond(html, timeline, RunPhases.of(s), s.generatorStalls());
        html.append("<h2>Fan-out latency by percentile</h2>").append(percentilePlot(latency));
        html.append("<h2>Deliveries per second</h2>").append(seriesPlot(series));
        html.append("<p>Gatling's own report (connect, handshake and ack timings; the fan-out latency row) is in ")
                .append("<code>gatling/</code> beside this file.</p></body></html>");
        return html.toString();
    }

    /** The chart of when: each second's p50, p99 and max, and the same as a table for whoever wants the figures. */
    static void perSecond(StringBuilder html, LatencyTimeline timeline, Optional<RunPhases> phases,
                          FanOutSummary.GeneratorStalls stalls) {
        html.append("<h2 id=\"per-second\">Fan-out latency per second</h2>");
        if (!timeline.hasDeliveries()) {
            html.append("<p>no deliveries recorded in <code>").append(ReportWriter.HLOG).append("</code></p>");
            return;
        }
        html.append("<p>p50, p99 and max of the deliveries received in each second (the intervals of <code>")
                .append(ReportWriter.HLOG).append("</code>), on a log scale; latencies below 1 ms, the resolution of ")
                .append("the clock, are drawn at 1 ms. Time counts from the first measured send.");
        if (phases.map(RunPhases::hasWarmup).orElse(false)) {
            html.append(" The shaded band is the warm-up: its messages are sent and delivered, and its latency is ")
                    .append("drawn, but it is counted in no figure of the run.");
        }
        if (phases.isPresent()) {
            html.append(" The dashed line is the last measured send; the grace period after it collects the last ")
                    .append("deliveries.");
        }
        TimelineChart chart = TimelineChart.latency(timeline, phases);
        if (stalls != null && !stalls.longest().isEmpty() && phases.isPresent()) {
            html.append(" The orange marks on the time axis are the load generator's longest stalls (its own pauses, ")
                    .append("in which it neither sent nor read: latencies measured across one include it).");
            for (StallMeter.Stall stall : stalls.longest()) {
                chart.tick(new TimelineChart.Tick(phases.get().sinceMeasureStart(stall.startMillis()),
                        "load generator stalled " + fmt(stall.millis()) + " ms"));
            }
        }
        html.append("</p>").append(chart.svg());
        html.append("<details><summary>second by second</summary><table><tr><th>s</th><th>deliveries</th>")
                .append("<th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>");
        long origin = phases.map(RunPhases::measureStartMillis).orElse(timeline.intervals().get(0).startMillis());
        for (Interval i : timeline.intervals()) {
            if (!i.hasDeliveries()) {
                continue;
            }
            html.append("<tr><td>").append(fmt(Math.round((i.endMillis() - origin) / 100.0) / 10.0)).append("</td><td>")
                    .append(i.count()).append("</td><td>").append(fmt(i.p50Ms())).append("</td><td>")
                    .append(fmt(i.p99Ms())).append("</td><td>").append(fmt(i.maxMs())).append("</td></tr>");
        }
        html.append("</table></details>");
    }

    private static void table(StringBuilder html, FanOutSummary s) {
        FanOutSummary.Latency l = s.latencyMs();
        FanOutSummary.Deliveries d = s.deliveries();
        FanOutSummary.Messages m = s.messages();
        FanOutSummary.Connections c = s.connections();
        html.append("<table>");
        row(html, "fan-out p50 / p90 / p99 / p99.9 / max (ms)",
                ms(l.p50()) + " / " + ms(l.p90()) + " / " + ms(l.p99()) + " / " + ms(l.p999()) + " / " + ms(l.max()));
        row(html, "deliveries per second", fmt(s.deliveriesPerSecond()));
        row(html, "deliveries expected / received / lost", d.expected() + " / " + d.received() + " / " + d.lost());
        row(html, "duplicated / out of order / negative latencies",
                d.duplicated() + " / " + d.outOfOrder() + " / " + d.negativeLatencies());
        row(html, "messages sent / accepted / rejected / unacked / stored on target", m.sent() + " / " + m.accepted()
                + " / " + m.rejected() + " / " + m.unacked() + " / " + m.storedDescription());
        row(html, "connections planned / connected / failed / joined late",
                c.planned() + " / " + c.connected() + " / " + c.failed() + " / " + c.joinedLate());
        FanOutSummary.Latency cl = c.connectLatencyMs();
        row(html, "connect p50 / p99 / max (ms)", ms(cl.p50()) + " / " + ms(cl.p99()) + " / " + ms(cl.max()));
        row(html, "TCP handshakes retransmitted (this machine)",
                c.synRetransmits() == null ? "not readable here" : String.valueOf(c.synRetransmits()));
        if (c.retransmitNote() != null) {
            row(html, "note", c.retransmitNote());
        }
        FanOutSummary.GeneratorStalls g = s.generatorStalls();
        if (g != null) {
            row(html, "load generator stalls of " + StallMeter.STALL_MILLIS + " ms or more: count / total / longest (ms)",
                    g.count() + " / " + fmt(g.totalMs()) + " / " + fmt(g.maxMs()));
        }
        if (s.stallNote() != null) {
            row(html, "note", s.stallNote());
        }
        s.actions().forEach((k, v) -> row(html, "action " + k, String.valueOf(v)));
        html.append("</table>");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    static String percentilePlot(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "<p>no deliveries recorded</p>";
        }
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 0.99999) {
                break;
            }
            points.add(new double[] {Math.log10(1 / (1 - p)), v.getValueIteratedTo() / 1000.0});
        }
        points.add(new double[] {5, h.getMaxValue() / 1000.0});
        double maxY = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
        StringBuilder svg = frame("latency (ms)", maxY);
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= 5; i++) {
            double x = PAD + i * (W - 2.0 * PAD) / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x, H - PAD + 16, labels[i]));
        }
        polyline(svg, points, 5, maxY);
        return svg.append("</svg>").toString();
    }

    static String seriesPlot(List<SeriesPoint> series) {
        List<SeriesPoint> nonEmpty = series.stream().filter(p -> p.endMillis() > p.startMillis()).toList();
        if (nonEmpty.isEmpty()) {
            return "<p>no series recorded</p>";
        }
        long t0 = nonEmpty.get(0).startMillis();
        List<double[]> points = new ArrayList<>();
        for (SeriesPoint p : nonEmpty) {
            points.add(new double[] {(p.endMillis() - t0) / 1000.0, p.perSecond()});
        }
        double maxX = Math.max(1, points.get(points.size() - 1)[0]);
        double maxY = Math.max(1, points.stream().mapToDouble(p -> p[1]).max().orElse(1));
        StringBuilder svg = frame("deliveries / s", maxY);
        for (int i = 0; i <= 5; i++) {
            double x = PAD + i * (W - 2.0 * PAD) / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s s</text>",
                    x, H - PAD + 16, fmt(maxX * i / 5)));
        }
        polyline(svg, points, maxX, maxY);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(String yLabel, double maxY) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", W, H));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                PAD, PAD / 2, PAD, H - PAD, PAD, H - PAD, W - PAD, H - PAD));
        for (int i = 0; i <= 4; i++) {
            double y = H - PAD - i * (H - 1.5 * PAD) / 4;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    PAD, y, W - PAD, y, PAD - 4, y + 4, fmt(maxY * i / 4)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                H / 2, H / 2, esc(yLabel)));
        return svg;
    }

    private static void polyline(StringBuilder svg, List<double[]> points, double maxX, double maxY) {
        svg.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"");
        for (double[] p : points) {
            double x = PAD + p[0] / maxX * (W - 2.0 * PAD);
            double y = H - PAD - (maxY == 0 ? 0 : p[1] / maxY) * (H - 1.5 * PAD);
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>");
    }

    private static String ms(Double v) {
        return v == null ? "-" : fmt(v);
    }

}
