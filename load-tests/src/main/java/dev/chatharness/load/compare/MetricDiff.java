package dev.chatharness.load.compare;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of a comparison.
 *
 * @param base the base run's figure, null when it has none
 * @param candidate the new run's figure, null when it has none
 * @param changePercent {@code (new - base) / base} in percent; null when either is missing or the base is 0
 * @param reason for a regression or an improvement, the sentence a CI log shows; empty otherwise
 */
public record MetricDiff(Metric metric, Double base, @JsonProperty("new") Double candidate, Double changePercent,
                         Verdict verdict, String reason) {

    public enum Verdict {
        /** Within the bound either way. */
        OK("ok"),
        /** Better beyond the bound. */
        IMPROVED("better"),
        /** Worse beyond the bound, or a fault where there was none. */
        REGRESSED("REGRESSED"),
        /** One run has no such figure (a storm has no fan-out latency; nothing connected...). */
        NOT_COMPARED("n/a");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        /** As the table prints it. */
        public String word() {
            return word;
        }
    }

    @JsonProperty("label")
    public String label() {
        return metric.label();
    }

    @JsonProperty("unit")
    public String unit() {
        return metric.unit();
    }

    public boolean regressed() {
        return verdict == Verdict.REGRESSED;
    }
}
