package dev.chatharness.load.report;

import static dev.chatharness.load.report.HtmlText.esc;
import static dev.chatharness.load.report.HtmlText.fmt;

import dev.chatharness.load.report.LatencyTimeline.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A chart over the time of a run, as inline SVG (no script, no fetch: the page must read offline, attached to a
 * CI run): curves of one or more runs, the warm-up shaded, markers for phase ends. The x axis is seconds since
 * measurement began, so two runs line up at the moment both started counting.
 *
 * <pre>{@code
 * String svg = TimelineChart.latency(timeline, RunPhases.of(summary)).svg();
 * }</pre>
 */
public final class TimelineChart {

    /** Latency is drawn on a log scale: a spike of the max must not flatten p50 and p99 into the floor. */
    public enum Scale { LOG_MS, LINEAR }

    /** One line; a NaN y (a second without deliveries) breaks it rather than drawing a fake zero. */
    public record Curve(String label, String color, boolean dashed, List<double[]> points) {
    }

    /** A shaded span of the x axis, such as a warm-up. */
    public record Band(double fromSeconds, double toSeconds, String label, String fill) {
    }

    /** A dashed vertical line, such as the last measured send. */
    public record Marker(double atSeconds, String label) {
    }

    /** A moment marked on the time axis, such as a stall of the load generator. */
    public record Tick(double atSeconds, String label) {
    }

    public static final String P50_COLOR = "#2e7d32";
    public static final String P99_COLOR = "#1565c0";
    public static final String MAX_COLOR = "#c62828";
    public static final String WARMUP_FILL = "#f6d58e";
    public static final String TICK_COLOR = "#ef6c00";

    /** Latencies below the clock's resolution (Gatling stamps whole ms) are drawn at this floor of the log scale. */
    static final double LOG_FLOOR_MS = 1;

    private static final int W = 760;
    private static final int H = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = W - 24;
    private static final int TOP = 40;
    private static final int BOTTOM = H - 44;

    private final String title;
    private final String yLabel;
    private final Scale scale;
    private final List<Curve> curves = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Tick> ticks = new ArrayList<>();

    public TimelineChart(String title, String yLabel, Scale scale) {
        this.title = title;
        this.yLabel = yLabel;
        this.scale = scale;
    }

    /** The report's chart: p50, p99 and max of each second of one run, its warm-up shaded. */
    public static TimelineChart latency(LatencyTimeline timeline, Optional<RunPhases> phases) {
        TimelineChart chart = new TimelineChart("fan-out latency per second", "latency, ms (log scale)", Scale.LOG_MS);
        chart.curve(new Curve("p50", P50_COLOR, false, points(timeline, phases, Interval::p50Ms)));
        chart.curve(new Curve("p99", P99_COLOR, false, points(timeline, phases, Interval::p99Ms)));
        chart.curve(new Curve("max", MAX_COLOR, true, points(timeline, phases, Interval::maxMs)));
        phases.ifPresent(p -> chart.phases(p, ""));
        return chart;
    }

    /** Shades the warm-up and marks the last measured send of a run; {@code who} prefixes the labels. */
    public TimelineChart phases(RunPhases p, String who) {
        if (p.hasWarmup()) {
            band(new Band(p.sinceMeasureStart(p.warmupStartMillis()), 0, who + "warm-up (not measured)", WARMUP_FILL));
        }
        return marker(new Marker(p.sinceMeasureStart(p.measureEndMillis()), who + "last measured send"));
    }

    /**
     * One point per interval, at its end (every delivery it counts had arrived by then), in seconds since measurement
     * began (since the first interval without phases). Intervals that ended before sending began (the connect phase)
     * are left out: they cannot hold a delivery.
     */
    public static List<double[]> points(LatencyTimeline timeline, Optional<RunPhases> phases,
                                        ToDoubleFunction<Interval> y) {
        List<Interval> intervals = timeline.intervals();
        if (intervals.isEmpty()) {
            return List.of();
        }
        long origin = phases.map(RunPhases::measureStartMillis).orElse(intervals.get(0).startMillis());
        long from = phases.map(RunPhases::warmupStartMillis).orElse(Long.MIN_VALUE);
        List<double[]> points = new ArrayList<>();
        for (Interval i : intervals) {
            if (i.endMillis() <= from && !i.hasDeliveries()) {
                continue;
            }
            points.add(new double[] {(i.endMillis() - origin) / 1000.0, y.applyAsDouble(i)});
        }
        return points;
    }

    public TimelineChart curve(Curve c) {
        curves.add(c);
        return this;
    }

    public TimelineChart band(Band b) {
        bands.add(b);
        return this;
    }

    public TimelineChart marker(Marker m) {
        markers.add(m);
        return this;
    }

    public TimelineChart tick(Tick t) {
        ticks.add(t);
        return this;
    }

    /** True when some curve has a value to draw. */
    public boolean hasData() {
        return curves.stream().flatMap(c -> c.points().stream()).anyMatch(p -> !Double.isNaN(p[1]));
    }

    public String svg() {
        if (!hasData()) {
            return "<p>no deliveries recorded</p>";
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Curve c : curves) {
            for (double[] p : c.points()) {
                minX = Math.min(minX, p[0] - 1);
                maxX = Math.max(maxX, p[0]);
                if (!Double.isNaN(p[1])) {
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        for (Band b : bands) {
            minX = Math.min(minX, b.fromSeconds());
            maxX = Math.max(maxX, b.toSeconds());
        }
        for (Marker m : markers) {
            minX = Math.min(minX, m.atSeconds());
            maxX = Math.max(maxX, m.atSeconds());
        }
        if (maxX - minX < 1) {
            maxX = minX + 1;
        }
        Axis x = new Axis(minX, maxX);
        YAxis y = scale == Scale.LOG_MS ? YAxis.log(maxY) : YAxis.linear(maxY);

        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">"
                        + "<title>%s</title>", W, H, esc(title)));
        for (Band b : bands) {
            double x1 = x.px(b.fromSeconds());
            double x2 = x.px(b.toSeconds());
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"warmup\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                            + "fill-opacity=\"0.45\"><title>%s</title></rect>",
                    x1, TOP, Math.max(0, x2 - x1), BOTTOM - TOP, b.fill(), esc(b.label())));
            if (x2 - x1 > 7 * b.label().length()) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#6d4c00\">%s</text>",
                        x1 + 4, TOP + 14 + 13 * bands.indexOf(b), esc(b.label())));
            }
        }
        for (double tick : y.ticks()) {
            double py = y.px(tick);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    LEFT, py, RIGHT, py, LEFT - 5, py + 4, fmt(tick)));
        }
        for (double tick : x.ticks()) {
            double px = x.px(tick);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    px, BOTTOM, px, BOTTOM + 4, px, BOTTOM + 17, fmt(tick)));
        }
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                LEFT, TOP, LEFT, BOTTOM, LEFT, BOTTOM, RIGHT, BOTTOM));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">seconds since measurement began</text>",
                (LEFT + RIGHT) / 2, H - 8));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>",
                (TOP + BOTTOM) / 2, (TOP + BOTTOM) / 2, esc(yLabel)));
        for (Marker m : markers) {
            double px = x.px(m.atSeconds());
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" "
                            + "stroke-dasharray=\"5,4\"><title>%s</title></line>",
                    px, TOP, px, BOTTOM, esc(m.label())));
        }
        for (Tick t : ticks) {
            if (t.atSeconds() < minX || t.atSeconds() > maxX) {
                continue; // outside the drawn seconds (a stall of the connect phase, say)
            }
            double px = x.px(t.atSeconds());
            svg.append(String.format(Locale.ROOT,
                    "<path class=\"tick\" d=\"M%.1f,%d l-5,-10 h10 z\" fill=\"%s\"><title>%s</title></path>",
                    px, BOTTOM, TICK_COLOR, esc(t.label())));
        }
        for (Curve c : curves) {
            draw(svg, c, x, y);
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    private static void draw(StringBuilder svg, Curve c, Axis x, YAxis y) {
        String style = String.format(Locale.ROOT, "fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s", c.color(),
                c.dashed() ? "1.5" : "2", c.dashed() ? " stroke-dasharray=\"6,3\"" : "");
        List<double[]> segment = new ArrayList<>();
        for (double[] p : c.points()) {
            if (Double.isNaN(p[1])) {
                flush(svg, segment, style, c, x, y);
                segment.clear();
            } else {
                segment.add(p);
            }
        }
        flush(svg, segment, style, c, x, y);
    }

    private static void flush(StringBuilder svg, List<double[]> segment, String style, Curve c, Axis x, YAxis y) {
        if (segment.isEmpty()) {
            return;
        }
        if (segment.size() == 1) {
            // a lone second between gaps: a dot, or it would not show at all
            double[] p = segment.get(0);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                    x.px(p[0]), y.px(p[1]), c.color()));
            return;
        }
        svg.append("<polyline ").append(style).append(" points=\"");
        for (double[] p : segment) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.px(p[0]), y.px(p[1])));
        }
        svg.append("\"><title>").append(esc(c.label())).append("</title></polyline>");
    }

    private void legend(StringBuilder svg) {
        double at = LEFT;
        for (Curve c : curves) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"16\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                            + "<text x=\"%.1f\" y=\"20\" font-size=\"12\">%s</text>",
                    at, at + 22, c.color(), c.dashed() ? " stroke-dasharray=\"6,3\"" : "", at + 27, esc(c.label())));
            at += 40 + 7 * c.label().length();
        }
        if (!bands.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"9\" width=\"22\" height=\"12\" fill=\"%s\" fill-opacity=\"0.45\"/>"
                            + "<text x=\"%.1f\" y=\"20\" font-size=\"12\">warm-up</text>",
                    at, WARMUP_FILL, at + 27));
            at += 90;
        }
        if (!markers.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"16\" stroke=\"#555\" stroke-dasharray=\"5,4\"/>"
                            + "<text x=\"%.1f\" y=\"20\" font-size=\"12\">last measured send</text>",
                    at, at + 22, at + 27));
            at += 150;
        }
        if (!ticks.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<path d=\"M%.1f,21 l-5,-10 h10 z\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"20\" font-size=\"12\">generator stall</text>",
                    at + 11, TICK_COLOR, at + 27));
        }
    }

    /** The x axis: seconds, with ticks at a round step. */
    private record Axis(double min, double max) {
        double px(double v) {
            return LEFT + (v - min) / (max - min) * (RIGHT - LEFT);
        }

        List<Double> ticks() {
            double span = max - min;
            double step = 1;
            for (double s : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200}) {
                step = s;
                if (span / s <= 10) {
                    break;
                }
            }
            List<Double> ticks = new ArrayList<>();
            for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
                ticks.add(t == 0 ? 0.0 : t); // no "-0"
            }
            return ticks;
        }
    }

    /** The y axis: log from {@link #LOG_FLOOR_MS} to a round ceiling, or linear from zero. */
    private record YAxis(boolean log, double top) {
        static YAxis log(double maxValue) {
            double top = 10;
            while (top < maxValue) {
                top *= 10;
            }
            return new YAxis(true, top);
        }

        static YAxis linear(double maxValue) {
            double top = 1;
            while (top < maxValue) {
                top = nextRound(top);
            }
            return new YAxis(false, top);
        }

        /** 1, 2, 5, 10, 20, 50, ... */
        private static double nextRound(double v) {
            double decade = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
            double lead = Math.round(v / decade);
            return lead < 2 ? 2 * decade : lead < 5 ? 5 * decade : 10 * decade;
        }

        double px(double v) {
            double f;
            if (log) {
                f = Math.log10(Math.max(LOG_FLOOR_MS, v) / LOG_FLOOR_MS) / Math.log10(top / LOG_FLOOR_MS);
            } else {
                f = v / top;
            }
            return BOTTOM - f * (BOTTOM - TOP);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double d = LOG_FLOOR_MS; d <= top + 1e-9; d *= 10) {
                    ticks.add(d);
                    if (d * 2 < top) {
                        ticks.add(d * 2);
                        ticks.add(d * 5);
                    }
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    ticks.add(top * i / 5);
                }
            }
            return ticks;
        }
    }
}
