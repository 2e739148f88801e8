package dev.chatharness.load.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.chatharness.load.fanout.FanOutRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Fan-out latency interval by interval (one a second in a run's {@code fanout.hlog}), for the charts that show
 * <em>when</em> latency went wrong rather than only how bad it got over the whole run.
 *
 * <pre>{@code
 * LatencyTimeline t = LatencyTimeline.read(reportDir.resolve(ReportWriter.HLOG));
 * t.intervals().forEach(i -> System.out.println(i.endMillis() + " " + i.p99Ms()));
 * }</pre>
 *
 * @param intervals in the log's order; timestamps are those of the log (Gatling's clock, read as epoch ms); in the
 *                  warm-up's seconds, the deliveries of its unmeasured messages (the log's intervals tagged
 *                  {@value FanOutRecorder#WARMUP_TAG})
 */
public record LatencyTimeline(List<Interval> intervals) {

    /** One interval; the latencies (ms) are NaN when it recorded no delivery. */
    public record Interval(long startMillis, long endMillis, long count, double p50Ms, double p99Ms, double maxMs) {

        static Interval of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), 0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }

        public boolean hasDeliveries() {
            return count > 0;
        }

        /** Deliveries per second over this interval. */
        public double perSecond() {
            return count * 1000.0 / Math.max(1, endMillis - startMillis);
        }
    }

    public LatencyTimeline {
        intervals = List.copyOf(intervals);
    }

    public static LatencyTimeline empty() {
        return new LatencyTimeline(List.of());
    }

    /** The intervals of an HdrHistogram log; an empty timeline when the file does not exist. */
    public static LatencyTimeline read(Path hlog) throws IOException {
        if (!Files.isRegularFile(hlog)) {
            return empty();
        }
        List<Interval> intervals = new ArrayList<>();
        Map<Long, Interval> warmup = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                Interval i = Interval.of((Histogram) next);
                if (FanOutRecorder.WARMUP_TAG.equals(next.getTag())) {
                    warmup.put(i.endMillis(), i);
                } else if (next.getTag() == null) {
                    intervals.add(i);
                }
            }
        } catch (RuntimeException e) {
            // HistogramLogReader throws unchecked exceptions on a damaged line: to a caller it is an unreadable file
            throw new IOException(hlog + " is not a readable HdrHistogram log: " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        // a warm-up second has an empty untagged interval (nothing measured) and, written just before it with the
        // same end, the warm-up's deliveries: the timeline shows the latter
        intervals.replaceAll(i -> i.hasDeliveries() ? i : warmup.getOrDefault(i.endMillis(), i));
        return new LatencyTimeline(intervals);
    }

    public boolean hasDeliveries() {
        return intervals.stream().anyMatch(Interval::hasDeliveries);
    }
}
