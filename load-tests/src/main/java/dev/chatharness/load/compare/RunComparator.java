package dev.chatharness.load.compare;

import static dev.chatharness.load.compare.ReportFolder.num;

import dev.chatharness.load.compare.MetricDiff.Verdict;
import dev.chatharness.load.fanout.StallMeter;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.ReportWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a new run against a base run: each {@link Metric} either stays within the {@link RegressionBound}, gets
 * better or regresses; and what makes the pair less than like for like is named in warnings.
 *
 * <pre>{@code
 * Comparison c = new RunComparator(RegressionBound.parse("20%"))
 *         .compare(ReportFolder.read(Path.of("base")), ReportFolder.read(Path.of("new")));
 * if (c.regressed()) { ... c.regressions() ... }
 * }</pre>
 */
public final class RunComparator {

    /**
     * Latency changes of this much or less never count: Gatling stamps frames in whole milliseconds, so a p50
     * going from 0 to 1 ms on loopback is the clock's resolution, not a 100% regression.
     */
    public static final double LATENCY_RESOLUTION_MS = 1.0;

    /**
     * HdrHistogram reports a value as the highest of its bucket (3 significant digits), so two latencies a whole
     * millisecond apart can read a few hundredths more than 1 ms apart: 4.00 and 3.00 ms are 4.001 and 3.0009.
     */
    private static final double RESOLUTION_WITH_BUCKETS_MS = LATENCY_RESOLUTION_MS * 1.05;

    private final RegressionBound bound;

    public RunComparator(RegressionBound bound) {
        this.bound = bound;
    }

    public Comparison compare(ReportFolder base, ReportFolder candidate) {
        List<MetricDiff> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            rows.add(diff(m, m.of(base.summary()), m.of(candidate.summary())));
        }
        return new Comparison(base, candidate, bound, rows, warnings(base, candidate));
    }

    MetricDiff diff(Metric m, Double base, Double candidate) {
        if (base == null || candidate == null) {
            return new MetricDiff(m, base, candidate, null, Verdict.NOT_COMPARED, "");
        }
        double b = base;
        double n = candidate;
        Double change = null; // from 0 to anything has no percentage
        if (b != 0) {
            change = (n - b) / b * 100;
        } else if (n == 0) {
            change = 0.0;
        }
        double f = bound.fraction();
        String figures = " (" + value(m, b) + " -> " + value(m, n) + ")";
        String beyond = ", beyond " + bound;
        switch (m.kind()) {
            case LATENCY -> {
                if (n - b > RESOLUTION_WITH_BUCKETS_MS && n > b * (1 + f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.REGRESSED,
                            m.label() + " rose " + percent(change) + figures + beyond);
                }
                if (b - n > RESOLUTION_WITH_BUCKETS_MS && n < b * (1 - f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.IMPROVED,
                            m.label() + " fell " + percent(change) + figures);
                }
            }
            case THROUGHPUT -> {
                if (n < b * (1 - f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.REGRESSED,
                            m.label() + " fell " + percent(change) + figures + beyond);
                }
                if (n > b * (1 + f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.IMPROVED,
                            m.label() + " rose " + percent(change) + figures);
                }
            }
            case FAULTS -> {
                if (b == 0 && n > 0) {
                    return new MetricDiff(m, base, candidate, change, Verdict.REGRESSED,
                            m.label() + " went from 0 to " + num(n) + ": any is a regression, whatever the bound");
                }
                if (b > 0 && n > b * (1 + f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.REGRESSED,
                            m.label() + " rose " + percent(change) + figures + beyond);
                }
                if (b > 0 && n < b * (1 - f)) {
                    return new MetricDiff(m, base, candidate, change, Verdict.IMPROVED,
                            m.label() + " fell " + percent(change) + figures);
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + m.kind());
        }
        return new MetricDiff(m, base, candidate, change, Verdict.OK, "");
    }

    /** What a CI user must know before believing the verdict: the two runs were not the same experiment. */
    static List<String> warnings(ReportFolder baseRun, ReportFolder candidateRun) {
        FanOutSummary b = baseRun.summary();
        FanOutSummary n = candidateRun.summary();
        List<String> w = new ArrayList<>();
        if (baseRun.dir().toAbsolutePath().normalize().equals(candidateRun.dir().toAbsolutePath().normalize())) {
            w.add("BASE and NEW are the same folder: the run is compared with itself");
        }
        if (!b.scenario().equals(n.scenario())) {
            w.add("different scenarios (base " + b.scenario() + ", new " + n.scenario()
                    + "): the figures measure different things");
        }
        if (b.rate() != n.rate()) {
            w.add("different rates (base " + num(b.rate()) + "/s, new " + num(n.rate())
                    + "/s): latency and deliveries/s depend on the rate, so these rows compare unlike loads");
        }
        if (b.rooms() != n.rooms() || b.members() != n.members()) {
            w.add("different sizes (base " + b.rooms() + " x " + b.members() + ", new " + n.rooms() + " x "
                    + n.members() + " rooms x members): fan-out per message and connection counts differ");
        }
        if (b.durationSeconds() != n.durationSeconds()) {
            w.add("different durations (base " + num(b.durationSeconds()) + " s, new " + num(n.durationSeconds())
                    + " s): counts such as lost are totals over unequal runs");
        }
        if (b.warmupSeconds() != n.warmupSeconds()) {
            w.add("different warm-ups (base " + num(b.warmupSeconds()) + " s, new " + num(n.warmupSeconds())
                    + " s): a run without one measures a cold JVM in its first seconds");
        }
        if (b.shards().size() != n.shards().size()) {
            w.add("different numbers of injectors (base " + b.shards().size() + ", new " + n.shards().size() + ")");
        }
        if (!b.passed()) {
            w.add("the base run broke its own thresholds (" + String.join("; ", b.thresholds().broken()) + ")");
        }
        for (ReportFolder r : List.of(baseRun, candidateRun)) {
            FanOutSummary.GeneratorStalls stalls = r.summary().generatorStalls();
            if (r.summary().stallNote() != null) {
                w.add((r == baseRun ? "base" : "new") + " run: its load generator stalled for up to "
                        + num(stalls.maxMs()) + " ms (" + stalls.count() + " stalls of " + StallMeter.STALL_MILLIS
                        + " ms or more), against a p99 of "
                        + String.format(Locale.ROOT, "%.1f", r.summary().judgedLatency().p99())
                        + " ms: its latency may be partly the generator's");
            }
            if (r.timeline().intervals().isEmpty() && r.summary().latencyMs().count() > 0) {
                w.add(r.dir() + " has no " + ReportWriter.HLOG + ": no per-second curve for it");
            }
        }
        return w;
    }

    private static String value(Metric m, double v) {
        String unit = m.unit().isEmpty() ? "" : " " + m.unit();
        return (m.kind() == Metric.Kind.FAULTS ? num(v) : String.format(Locale.ROOT, "%.2f", v)) + unit;
    }

    private static String percent(Double change) {
        return change == null ? "from 0" : String.format(Locale.ROOT, "%+.1f%%", change);
    }
}
