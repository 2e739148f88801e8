package dev.chatharness.load.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a report folder the way a run does ({@link ReportWriter#write} for the summary and the page, an
 * {@code fanout.hlog} written with HdrHistogram's {@link HistogramLogWriter} the way {@code FanOutRecorder} writes
 * it: absolute timestamps on the run's clock, one interval a second), from latencies chosen second by second.
 *
 * <pre>{@code
 * Path dir = new ReportFixture().warmupSeconds(3).second(2, 3, 4).second(40, 90).lost(0).write(tmp.resolve("base"));
 * }</pre>
 *
 * Timeline: {@value #CONNECT_SECONDS} empty seconds of connect phase, the warm-up's empty seconds (its deliveries
 * are not measured), one interval per {@link #second} (the measured phase starts {@value #MEASURE_OFFSET_MS} ms into
 * the first), then {@value #GRACE_SECONDS} empty seconds of grace.
 */
public final class ReportFixture {

    /** 2026-12-06T21:29:16.563Z, when the recorder of the fixture's run started its log. */
    public static final long LOG_START_MILLIS = 1_796_592_556_563L;
    static final int CONNECT_SECONDS = 2;
    static final int GRACE_SECONDS = 2;
    static final long MEASURE_OFFSET_MS = 150;

    private final List<long[]> seconds = new ArrayList<>();
    private final List<long[]> warmupDeliveries = new ArrayList<>();
    private String scenario = "fanout";
    private double rate = 50;
    private int rooms = 4;
    private int members = 5;
    private int warmupSeconds;
    private long lost;
    private long duplicated;
    private long failedConnections;
    private Long synRetransmits = 0L;
    private FanOutSummary.GeneratorStalls stalls = FanOutSummary.GeneratorStalls.NONE;
    private long[] connectMillis = {40, 55, 70, 120};
    private boolean withHlog = true;

    public ReportFixture scenario(String s) {
        scenario = s;
        return this;
    }

    public ReportFixture rate(double r) {
        rate = r;
        return this;
    }

    public ReportFixture size(int r, int m) {
        rooms = r;
        members = m;
        return this;
    }

    public ReportFixture warmupSeconds(int s) {
        warmupSeconds = s;
        return this;
    }

    /**
     * The deliveries of the next warm-up second (of {@link #warmupSeconds}), in the .hlog's intervals tagged
     * warm-up, as a run writes them: drawn, counted in no figure.
     */
    public ReportFixture warmupSecond(long... latenciesMs) {
        warmupDeliveries.add(latenciesMs);
        return this;
    }

    /** One measured second whose deliveries took these many ms each. */
    public ReportFixture second(long... latenciesMs) {
        seconds.add(latenciesMs);
        return this;
    }

    /** {@code n} measured seconds, each with {@code deliveries} deliveries of {@code latencyMs}. */
    public ReportFixture steady(int n, int deliveries, long latencyMs) {
        for (int i = 0; i < n; i++) {
            long[] l = new long[deliveries];
            java.util.Arrays.fill(l, latencyMs);
            seconds.add(l);
        }
        return this;
    }

    public ReportFixture lost(long n) {
        lost = n;
        return this;
    }

    public ReportFixture duplicated(long n) {
        duplicated = n;
        return this;
    }

    public ReportFixture failedConnections(long n) {
        failedConnections = n;
        return this;
    }

    public ReportFixture synRetransmits(Long n) {
        synRetransmits = n;
        return this;
    }

    /** The generator's stalls in the measured phase (null: a report written before they were measured). */
    public ReportFixture generatorStalls(FanOutSummary.GeneratorStalls s) {
        stalls = s;
        return this;
    }

    public ReportFixture connectMillis(long... ms) {
        connectMillis = ms;
        return this;
    }

    public ReportFixture withoutHlog() {
        withHlog = false;
        return this;
    }

    public long measureStartMillis() {
        return LOG_START_MILLIS + (CONNECT_SECONDS + warmupSeconds) * 1000L + MEASURE_OFFSET_MS;
    }

    public FanOutSummary summary() {
        Histogram total = histogram();
        for (long[] second : seconds) {
            for (long ms : second) {
                total.recordValue(ms * 1000);
            }
        }
        Histogram connect = histogram();
        for (long ms : connectMillis) {
            connect.recordValue(ms * 1000);
        }
        long received = total.getTotalCount();
        int sendSeconds = seconds.size();
        FanOutSummary.Deliveries deliveries = new FanOutSummary.Deliveries(received + lost, received, lost,
                duplicated, 0, 0, 0);
        long sent = Math.round(rate * sendSeconds);
        FanOutSummary.Messages messages = new FanOutSummary.Messages(sent, sent, 0, 0, null, Math.round(rate * warmupSeconds));
        long planned = (long) rooms * members;
        FanOutSummary.Connections connections = new FanOutSummary.Connections(planned, planned - failedConnections,
                failedConnections, 0, FanOutSummary.Latency.of(connect), synRetransmits);
        boolean storm = scenario.equals("connections");
        return FanOutSummary.assemble(scenario, "http://127.0.0.1:8080", "fixture", List.of("0/1"), rooms, members,
                rate, sendSeconds, Instant.ofEpochMilli(LOG_START_MILLIS - 300).toString(),
                storm ? null : Instant.ofEpochMilli(measureStartMillis()).toString(), storm ? 0 : sendSeconds,
                warmupSeconds, FanOutSummary.Latency.of(total), storm ? 0 : received / (double) sendSeconds,
                deliveries, messages, connections, Map.of(), null, null).withGeneratorStalls(stalls);
    }

    /** Writes the folder; returns it. */
    public Path write(Path dir) throws IOException {
        FanOutSummary summary = summary();
        java.nio.file.Files.createDirectories(dir);
        Histogram total = histogram();
        if (withHlog) {
            try (PrintStream out = new PrintStream(dir.resolve(ReportWriter.HLOG).toFile(), StandardCharsets.UTF_8)) {
                HistogramLogWriter log = new HistogramLogWriter(out);
                log.outputComment("chat-harness fan-out latency, microseconds, one interval a second");
                log.outputLogFormatVersion();
                log.setBaseTime(0);
                log.outputStartTime(LOG_START_MILLIS);
                log.outputLegend();
                int index = 0;
                List<long[]> all = new ArrayList<>();
                for (int i = 0; i < CONNECT_SECONDS + warmupSeconds; i++) {
                    all.add(new long[0]);
                }
                all.addAll(seconds);
                for (int i = 0; i < GRACE_SECONDS; i++) {
                    all.add(new long[0]);
                }
                for (long[] second : all) {
                    int warmupIndex = index - CONNECT_SECONDS;
                    if (warmupIndex >= 0 && warmupIndex < Math.min(warmupSeconds, warmupDeliveries.size())) {
                        Histogram w = histogram();
                        for (long ms : warmupDeliveries.get(warmupIndex)) {
                            w.recordValue(ms * 1000);
                        }
                        w.setStartTimeStamp(LOG_START_MILLIS + index * 1000L);
                        w.setEndTimeStamp(LOG_START_MILLIS + (index + 1) * 1000L);
                        w.setTag(dev.chatharness.load.fanout.FanOutRecorder.WARMUP_TAG);
                        log.outputIntervalHistogram(w);
                    }
                    Histogram h = histogram();
                    for (long ms : second) {
                        h.recordValue(ms * 1000);
                    }
                    h.setStartTimeStamp(LOG_START_MILLIS + index * 1000L);
                    h.setEndTimeStamp(LOG_START_MILLIS + (index + 1) * 1000L);
                    log.outputIntervalHistogram(h);
                    total.add(h);
                    index++;
                }
            }
        }
        Histogram connect = histogram();
        for (long ms : connectMillis) {
            connect.recordValue(ms * 1000);
        }
        ReportWriter.write(dir, summary, total, connect, List.of());
        return dir;
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
