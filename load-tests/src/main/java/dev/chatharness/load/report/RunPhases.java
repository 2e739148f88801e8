package dev.chatharness.load.report;

import java.time.Instant;
import java.util.Optional;

/**
 * When a run's send phase had its warm-up and its measured part, on the clock of its {@code .hlog}: what the
 * per-second charts shade and mark. Read back from the summary, so a chart of an old report folder has them too.
 *
 * @param warmupStartMillis when sending began (equal to {@code measureStartMillis} without a warm-up)
 * @param measureStartMillis first measured slot: what {@code fanout-summary.json} calls {@code sendPhaseStartedAt}
 * @param measureEndMillis last measured slot; the grace period follows, during which the last deliveries arrive
 */
public record RunPhases(long warmupStartMillis, long measureStartMillis, long measureEndMillis) {

    /** Empty for a run without a send phase (a connection storm, or a run that never began sending). */
    public static Optional<RunPhases> of(FanOutSummary s) {
        if (s.sendPhaseStartedAt() == null) {
            return Optional.empty();
        }
        long measureStart = Instant.parse(s.sendPhaseStartedAt()).toEpochMilli();
        return Optional.of(new RunPhases(measureStart - Math.round(s.warmupSeconds() * 1000), measureStart,
                measureStart + Math.round(s.sendPhaseSeconds() * 1000)));
    }

    public boolean hasWarmup() {
        return warmupStartMillis < measureStartMillis;
    }

    /** Seconds from the start of measurement to {@code millis} (negative during the warm-up). */
    public double sinceMeasureStart(long millis) {
        return (millis - measureStartMillis) / 1000.0;
    }
}
