package dev.chatharness.load.compare;

import dev.chatharness.load.report.FanOutSummary;
import java.util.function.Function;

/** A figure of a run's summary that {@code load compare} holds the new run to, and which way is worse. */
public enum Metric {
    FANOUT_P50("fan-out p50", "ms", Kind.LATENCY, s -> s.latencyMs().p50()),
    FANOUT_P90("fan-out p90", "ms", Kind.LATENCY, s -> s.latencyMs().p90()),
    FANOUT_P99("fan-out p99", "ms", Kind.LATENCY, s -> s.latencyMs().p99()),
    FANOUT_P99_9("fan-out p99.9", "ms", Kind.LATENCY, s -> s.latencyMs().p999()),
    FANOUT_MAX("fan-out max", "ms", Kind.LATENCY, s -> s.latencyMs().max()),
    /** Null for a connection storm, which sends nothing: there is no throughput to hold it to. */
    DELIVERIES_PER_SECOND("deliveries/s", "", Kind.THROUGHPUT,
            s -> s.sendPhaseSeconds() > 0 ? s.deliveriesPerSecond() : null),
    LOST("lost deliveries", "", Kind.FAULTS, s -> (double) s.deliveries().lost()),
    DUPLICATED("duplicated deliveries", "", Kind.FAULTS, s -> (double) s.deliveries().duplicated()),
    OUT_OF_ORDER("out-of-order deliveries", "", Kind.FAULTS, s -> (double) s.deliveries().outOfOrder()),
    FAILED_CONNECTIONS("failed connections", "", Kind.FAULTS, s -> (double) s.connections().failed()),
    CONNECT_P50("connect p50", "ms", Kind.LATENCY, s -> s.connections().connectLatencyMs().p50()),
    CONNECT_P99("connect p99", "ms", Kind.LATENCY, s -> s.connections().connectLatencyMs().p99()),
    CONNECT_MAX("connect max", "ms", Kind.LATENCY, s -> s.connections().connectLatencyMs().max());

    /** Which way is worse, and how a change is judged. */
    public enum Kind {
        /**
         * Higher is worse, beyond the bound and beyond {@link RunComparator#LATENCY_RESOLUTION_MS}: Gatling stamps
         * frames in whole milliseconds, so 0 to 1 ms is the clock's noise, not +100%.
         */
        LATENCY,
        /** Lower is worse, beyond the bound. */
        THROUGHPUT,
        /** Counts that should be zero: higher is worse, and any from zero is a regression whatever the bound. */
        FAULTS
    }

    private final String label;
    private final String unit;
    private final Kind kind;
    private final Function<FanOutSummary, Double> read;

    Metric(String label, String unit, Kind kind, Function<FanOutSummary, Double> read) {
        this.label = label;
        this.unit = unit;
        this.kind = kind;
        this.read = read;
    }

    public String label() {
        return label;
    }

    /** "ms", or empty for counts and rates. */
    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    /** The figure in a summary; null when the run has none (no deliveries, no connection timed). */
    public Double of(FanOutSummary s) {
        return read.apply(s);
    }
}
