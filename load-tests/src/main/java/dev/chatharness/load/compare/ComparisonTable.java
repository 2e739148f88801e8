package dev.chatharness.load.compare;

import java.io.PrintWriter;
import java.util.Locale;

/** A comparison as a terminal or a CI log shows it: the two runs, a row per figure, the verdict. */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    public static void print(Comparison c, PrintWriter out) {
        out.printf(Locale.ROOT, "base: %s (%s, run %s, %s)%n", c.baseDir(), c.baseRun().shape(),
                c.baseRun().summary().runId(), c.baseRun().summary().target());
        out.printf(Locale.ROOT, "new:  %s (%s, run %s, %s)%n", c.candidateDir(), c.candidateRun().shape(),
                c.candidateRun().summary().runId(), c.candidateRun().summary().target());
        out.printf(Locale.ROOT, "max regression %s (latency changes of %s ms or less never count: the clock's resolution)%n%n",
                c.bound(), ReportFolder.num(RunComparator.LATENCY_RESOLUTION_MS));
        out.printf(Locale.ROOT, "%-27s %12s %12s %9s  %s%n", "figure", "base", "new", "change", "verdict");
        for (MetricDiff d : c.rows()) {
            String name = d.metric().label() + (d.metric().unit().isEmpty() ? "" : " (" + d.metric().unit() + ")");
            out.printf(Locale.ROOT, "%-27s %12s %12s %9s  %s%n", name, value(d, d.base()), value(d, d.candidate()),
                    change(d), d.verdict().word());
        }
        out.println();
        out.println(verdict(c));
        out.flush();
    }

    /** "result: no regression beyond 20%" or "result: REGRESSED: ...; ...". */
    public static String verdict(Comparison c) {
        return c.regressed() ? "result: REGRESSED: " + String.join("; ", c.regressions())
                : "result: no regression beyond " + c.bound();
    }

    static String value(MetricDiff d, Double v) {
        if (v == null) {
            return "-";
        }
        return d.metric().kind() == Metric.Kind.FAULTS ? ReportFolder.num(v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String change(MetricDiff d) {
        if (d.changePercent() == null) {
            return d.base() != null && d.candidate() != null ? "from 0" : "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", d.changePercent());
    }
}
