package dev.chatharness.load.fanout;

/**
 * Where timings go besides our own histograms: Gatling's stats engine (see
 * {@code dev.chatharness.load.simulation.GatlingBridge}) so they appear as rows of its report and can be gated
 * by its assertions. Called from Gatling's event loops.
 */
public interface TimingSink {

    TimingSink NONE = (name, start, end, ok, message) -> { };

    void record(String name, long startMillis, long endMillis, boolean ok, String message);
}
