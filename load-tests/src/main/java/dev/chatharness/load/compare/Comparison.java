package dev.chatharness.load.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Two runs judged figure by figure. As JSON ({@code load compare --json}) it is {@code base}, {@code new}
 * (the folders), {@code maxRegressionPercent}, {@code regressed}, {@code regressions}, {@code warnings} and
 * {@code rows}, each row {@code metric}, {@code label}, {@code unit}, {@code base}, {@code new},
 * {@code changePercent}, {@code verdict} and {@code reason}.
 *
 * @param warnings what makes the two runs less than like for like (a different scenario, rate, size...)
 */
public record Comparison(@JsonIgnore ReportFolder baseRun, @JsonIgnore ReportFolder candidateRun,
                         @JsonIgnore RegressionBound bound, List<MetricDiff> rows, List<String> warnings) {

    public Comparison {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    @JsonProperty("base")
    public String baseDir() {
        return baseRun.dir().toString();
    }

    @JsonProperty("new")
    public String candidateDir() {
        return candidateRun.dir().toString();
    }

    @JsonProperty("maxRegressionPercent")
    public double maxRegressionPercent() {
        return bound.percent();
    }

    /** True when some figure regressed beyond the bound: {@code load compare} exits 1. */
    @JsonProperty("regressed")
    public boolean regressed() {
        return rows.stream().anyMatch(MetricDiff::regressed);
    }

    /** One sentence per regressed figure. */
    @JsonProperty("regressions")
    public List<String> regressions() {
        return rows.stream().filter(MetricDiff::regressed).map(MetricDiff::reason).toList();
    }
}
