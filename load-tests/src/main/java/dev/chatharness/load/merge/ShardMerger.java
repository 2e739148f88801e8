package dev.chatharness.load.merge;

import dev.chatharness.load.LoadResult;
import dev.chatharness.load.fanout.FanOutRecorder;
import dev.chatharness.load.fanout.FanOutRecorder.SeriesPoint;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.ReportWriter;
import dev.chatharness.load.report.SummaryPrinter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Merges the report folders of several shards of one run ({@code chat-harness load merge DIR...}) into one:
 * counts are summed, latencies come from the union of the shards' {@code .hlog} histograms (so the merged
 * percentiles are those of all deliveries, not an average of percentiles), the deliveries-per-second series
 * and the merged {@code fanout.hlog} add up the shards' intervals second by second (so the merged page has its
 * per-second chart, and {@code load compare} can read a merged folder like any other).
 *
 * <pre>{@code
 * LoadResult merged = new ShardMerger().merge(List.of(dir0, dir1), outDir, 50.0, 0L, System.out);
 * }</pre>
 */
public final class ShardMerger {

    /**
     * @param maxP99Ms threshold for the merged run, or null to keep the first shard's
     * @param maxLost likewise
     */
    public LoadResult merge(List<Path> shardDirs, Path outDir, Double maxP99Ms, Long maxLost, PrintStream out)
            throws IOException {
        if (shardDirs.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one shard folder");
        }
        List<FanOutSummary> shards = new ArrayList<>();
        Histogram latency = newHistogram();
        Histogram connect = newHistogram();
        TreeMap<Long, Histogram> perSecond = new TreeMap<>();
        Map<Long, Histogram> warmupPerSecond = new HashMap<>();
        for (Path dir : shardDirs) {
            if (!Files.isRegularFile(dir.resolve(ReportWriter.SUMMARY))) {
                throw new IllegalArgumentException(dir + " holds no " + ReportWriter.SUMMARY + ": not a shard's report folder");
            }
            shards.add(ReportWriter.readSummary(dir));
            readLog(dir.resolve(ReportWriter.HLOG), latency, perSecond, warmupPerSecond);
            readLog(dir.resolve(ReportWriter.CONNECT_HLOG), connect, null, null);
        }
        FanOutSummary first = shards.get(0);
        for (FanOutSummary s : shards) {
            if (!s.scenario().equals(first.scenario()) || s.rooms() != first.rooms() || s.members() != first.members()) {
                throw new IllegalArgumentException("shards of different runs: " + first.scenario() + " " + first.rooms()
                        + "x" + first.members() + " vs " + s.scenario() + " " + s.rooms() + "x" + s.members());
            }
        }
        FanOutSummary merged = FanOutSummary.assemble(first.scenario(), first.target(), first.runId(),
                shards.stream().flatMap(s -> s.shards().stream()).toList(), first.rooms(), first.members(),
                first.rate(), first.durationSeconds(), first.startedAt(), first.sendPhaseStartedAt(),
                shards.stream().mapToDouble(FanOutSummary::sendPhaseSeconds).max().orElse(0),
                first.warmupSeconds(),
                FanOutSummary.Latency.of(latency),
                shards.stream().mapToDouble(FanOutSummary::deliveriesPerSecond).sum(),
                sumDeliveries(shards), sumMessages(shards), sumConnections(shards, connect), sumActions(shards),
                maxP99Ms != null ? maxP99Ms : first.thresholds().maxP99Ms(),
                maxLost != null ? maxLost : first.thresholds().maxLost())
                .withGeneratorStalls(sumStalls(shards));
        List<SeriesPoint> series = new ArrayList<>();
        perSecond.forEach((second, h) -> series.add(new SeriesPoint(second * 1000 - 1000, second * 1000,
                h.getTotalCount(), Double.NaN)));
        Files.createDirectories(outDir);
        writeMergedLog(outDir.resolve(ReportWriter.HLOG), perSecond, warmupPerSecond);
        ReportWriter.write(outDir, merged, latency, connect, series);
        SummaryPrinter.print(merged, out);
        out.println("merged report: " + outDir.toAbsolutePath());
        return new LoadResult(merged, merged.passed() ? LoadResult.Status.PASSED : LoadResult.Status.FAILED, outDir,
                merged.passed() ? "passed" : "thresholds broken: " + String.join("; ", merged.thresholds().broken()));
    }

    /**
     * Adds every measured interval of an .hlog into {@code total} and, when given, into {@code perSecond} under the
     * epoch second its interval ended in (the shards' ticks are not aligned; a second is the finest the merge keeps).
     * The warm-up's intervals ({@link FanOutRecorder#WARMUP_TAG}) are no figure of the run: they go only to
     * {@code warmupPerSecond}, when given, so the merged log can carry them for the per-second chart.
     */
    private static void readLog(Path file, Histogram total, Map<Long, Histogram> perSecond,
            Map<Long, Histogram> warmupPerSecond) throws FileNotFoundException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                Histogram h = (Histogram) next;
                boolean timed = perSecond != null && h.getEndTimeStamp() > 0;
                if (next.getTag() == null) {
                    total.add(h);
                    if (timed) {
                        addTo(perSecond, h);
                    }
                } else if (FanOutRecorder.WARMUP_TAG.equals(next.getTag()) && timed && warmupPerSecond != null) {
                    addTo(warmupPerSecond, h);
                    perSecond.computeIfAbsent(h.getEndTimeStamp() / 1000, k -> newHistogram()); // the second is kept
                }
            }
        } finally {
            reader.close();
        }
    }

    private static void addTo(Map<Long, Histogram> bySecond, Histogram h) {
        bySecond.computeIfAbsent(h.getEndTimeStamp() / 1000, k -> newHistogram()).add(h);
    }

    private static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    /**
     * One interval a second, each the sum of the shards' intervals that ended in that second; in the warm-up's
     * seconds the sum of the shards' warm-up deliveries comes first, tagged as a run's own log has it, with the same
     * end ({@link dev.chatharness.load.report.LatencyTimeline} pairs them by it).
     */
    private static void writeMergedLog(Path file, TreeMap<Long, Histogram> perSecond,
            Map<Long, Histogram> warmupPerSecond) throws FileNotFoundException {
        try (PrintStream stream = new PrintStream(file.toFile())) {
            HistogramLogWriter writer = new HistogramLogWriter(stream);
            writer.outputComment("chat-harness merged fan-out latency, microseconds, all shards, one interval a second");
            writer.outputLogFormatVersion();
            writer.setBaseTime(0);
            if (!perSecond.isEmpty()) {
                writer.outputStartTime(perSecond.firstKey() * 1000 - 1000);
            }
            writer.outputLegend();
            perSecond.forEach((second, h) -> {
                Histogram warmup = warmupPerSecond.get(second);
                if (warmup != null) {
                    stampSecond(warmup, second);
                    warmup.setTag(FanOutRecorder.WARMUP_TAG);
                    writer.outputIntervalHistogram(warmup);
                }
                stampSecond(h, second);
                writer.outputIntervalHistogram(h);
            });
        }
    }

    private static void stampSecond(Histogram h, long second) {
        h.setStartTimeStamp(second * 1000 - 1000);
        h.setEndTimeStamp(second * 1000);
    }

    private static FanOutSummary.Deliveries sumDeliveries(List<FanOutSummary> shards) {
        long expected = 0, received = 0, duplicated = 0, outOfOrder = 0, negative = 0, foreign = 0;
        for (FanOutSummary s : shards) {
            FanOutSummary.Deliveries d = s.deliveries();
            expected += d.expected();
            received += d.received();
            duplicated += d.duplicated();
            outOfOrder += d.outOfOrder();
            negative += d.negativeLatencies();
            foreign += d.foreign();
        }
        long lost = shards.stream().mapToLong(s -> s.deliveries().lost()).sum();
        return new FanOutSummary.Deliveries(expected, received, lost, duplicated, outOfOrder, negative, foreign);
    }

    private static FanOutSummary.Messages sumMessages(List<FanOutSummary> shards) {
        long sent = 0, accepted = 0, rejected = 0, unacked = 0, warmupAccepted = 0;
        Long stored = 0L;
        for (FanOutSummary s : shards) {
            FanOutSummary.Messages m = s.messages();
            sent += m.sent();
            accepted += m.accepted();
            rejected += m.rejected();
            unacked += m.unacked();
            warmupAccepted += m.warmupAccepted();
            stored = stored == null || m.storedOnTarget() == null ? null : stored + m.storedOnTarget();
        }
        return new FanOutSummary.Messages(sent, accepted, rejected, unacked, stored, warmupAccepted);
    }

    private static FanOutSummary.Connections sumConnections(List<FanOutSummary> shards, Histogram connect) {
        long planned = 0, connected = 0, failed = 0, late = 0;
        Long retransmits = null; // each shard's machine's count; shards sharing a machine count each other's too
        for (FanOutSummary s : shards) {
            planned += s.connections().planned();
            connected += s.connections().connected();
            failed += s.connections().failed();
            late += s.connections().joinedLate();
            Long shard = s.connections().synRetransmits();
            retransmits = shard == null ? retransmits : retransmits == null ? shard : retransmits + shard;
        }
        return new FanOutSummary.Connections(planned, connected, failed, late, FanOutSummary.Latency.of(connect),
                retransmits);
    }

    /** Each shard's generator stalls: one JVM's each, so they add up; null if any shard's report predates them. */
    private static FanOutSummary.GeneratorStalls sumStalls(List<FanOutSummary> shards) {
        FanOutSummary.GeneratorStalls sum = FanOutSummary.GeneratorStalls.NONE;
        for (FanOutSummary s : shards) {
            if (s.generatorStalls() == null) {
                return null;
            }
            sum = sum.plus(s.generatorStalls());
        }
        return sum;
    }

    private static Map<String, Long> sumActions(List<FanOutSummary> shards) {
        TreeMap<String, Long> sum = new TreeMap<>();
        shards.forEach(s -> s.actions().forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }
}
