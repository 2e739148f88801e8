package dev.chatharness.load.report;

import dev.chatharness.load.fanout.StallMeter;
import java.io.PrintStream;
import java.util.Locale;

/** The summary as a few lines for a terminal or a CI log. */
public final class SummaryPrinter {

    private SummaryPrinter() {
    }

    public static void print(FanOutSummary s, PrintStream out) {
        FanOutSummary.Latency l = s.latencyMs();
        FanOutSummary.Deliveries d = s.deliveries();
        FanOutSummary.Messages m = s.messages();
        FanOutSummary.Connections c = s.connections();
        out.printf(Locale.ROOT, "== %s summary (shards %s) ==%n", s.scenario(), String.join(",", s.shards()));
        out.printf(Locale.ROOT, "fan-out latency ms: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%d deliveries)%n",
                ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.p999()), ms(l.max()), l.count());
        out.printf(Locale.ROOT, "deliveries/s: %.1f%n", s.deliveriesPerSecond());
        out.printf(Locale.ROOT, "deliveries: expected %d  received %d  lost %d  duplicated %d  out of order %d  "
                + "negative latencies %d%n", d.expected(), d.received(), d.lost(), d.duplicated(), d.outOfOrder(),
                d.negativeLatencies());
        out.printf(Locale.ROOT, "messages: sent %d  accepted %d  rejected %d  unacked %d  stored on target %s%n",
                m.sent(), m.accepted(), m.rejected(), m.unacked(), m.storedDescription());
        FanOutSummary.Latency cl = c.connectLatencyMs();
        out.printf(Locale.ROOT, "connections: planned %d  connected %d  failed %d  joined late %d  connect ms p50 %s  "
                + "p99 %s  max %s%n", c.planned(), c.connected(), c.failed(), c.joinedLate(), ms(cl.p50()), ms(cl.p99()),
                ms(cl.max()));
        if (c.retransmitNote() != null) {
            out.println("note: " + c.retransmitNote());
        }
        FanOutSummary.GeneratorStalls g = s.generatorStalls();
        if (g != null) {
            out.printf(Locale.ROOT, "load generator stalls of %d ms or more: %d, %.1f ms in all, longest %.1f ms%n",
                    StallMeter.STALL_MILLIS, g.count(), g.totalMs(), g.maxMs());
        }
        if (s.stallNote() != null) {
            out.println("note: " + s.stallNote());
        }
        if (!s.actions().isEmpty()) {
            out.println("actions: " + s.actions());
        }
        out.println(s.passed() ? "result: PASSED" : "result: FAILED: " + String.join("; ", s.thresholds().broken()));
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
