package dev.chatharness.load.fanout;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * The measurements of one run (one shard), shared by all virtual users: fan-out latency per delivery and
 * connect latency per socket in HdrHistogram {@link Recorder}s (microseconds), and the delivery counts.
 *
 * <pre>{@code
 * FanOutRecorder rec = new FanOutRecorder(rooms, clock::nowMillis);
 * rec.openLog(reportDir.resolve("fanout.hlog"));
 * rec.delivery(sentAtMillis, receivedAtMillis);   // from any thread
 * rec.tick();                                      // once a second: one .hlog interval, one series point
 * }</pre>
 *
 * <p>The warm-up's deliveries ({@link #warmupDelivery}) are measured nowhere but in the {@code .hlog}, in intervals
 * tagged {@value #WARMUP_TAG}, so the per-second chart can show whether the warm-up settled; HdrHistogram's tools
 * and every reader here take untagged intervals only, unless asked for the tag.
 *
 * <p>Thread-safe: Gatling runs virtual users on several event loops. {@link #tick()} is called by one thread.
 */
public final class FanOutRecorder {

    /** Latencies above an hour are clamped there: no run is that slow, and HdrHistogram needs a bound. */
    static final long MAX_MICROS = 3_600_000_000L;
    /** The tag of the warm-up's intervals in the {@code .hlog}. */
    public static final String WARMUP_TAG = "warmup";

    private final LongSupplier clock;
    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final Recorder connect = new Recorder(MAX_MICROS, 3);
    private final Recorder warmupLatency = new Recorder(MAX_MICROS, 3);
    private final Histogram latencyTotal = new Histogram(MAX_MICROS, 3);
    private final Histogram connectTotal = new Histogram(MAX_MICROS, 3);
    private final AtomicIntegerArray joinedPerRoom;
    private final List<SeriesPoint> series = new ArrayList<>();
    private final ConcurrentHashMap<String, LongAdder> actions = new ConcurrentHashMap<>();
    private volatile double lastIntervalP99Ms = Double.NaN;
    private Histogram latencyInterval;
    private Histogram connectInterval;
    private Histogram warmupInterval;
    private HistogramLogWriter log;
    private PrintStream logStream;
    private long lastTick;

    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder unacked = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder negative = new LongAdder();
    final LongAdder foreign = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder connectFailed = new LongAdder();
    final LongAdder joinedLate = new LongAdder();
    final LongAdder warmupAccepted = new LongAdder();

    /** One second of the deliveries-per-second series. */
    public record SeriesPoint(long startMillis, long endMillis, long deliveries, double p99Ms) {
        public double perSecond() {
            long span = Math.max(1, endMillis - startMillis);
            return deliveries * 1000.0 / span;
        }
    }

    public FanOutRecorder(int rooms, LongSupplier clockMillis) {
        this.joinedPerRoom = new AtomicIntegerArray(rooms);
        this.clock = clockMillis;
        this.lastTick = clockMillis.getAsLong();
    }

    /** Starts writing one interval histogram per {@link #tick()} to an {@code .hlog} file. */
    public synchronized void openLog(Path file) throws FileNotFoundException {
        logStream = new PrintStream(file.toFile());
        log = new HistogramLogWriter(logStream);
        log.outputComment("chat-harness fan-out latency, microseconds, one interval a second");
        log.outputLogFormatVersion();
        log.setBaseTime(0);
        log.outputStartTime(lastTick);
        log.outputLegend();
    }

    // ---- events, from the virtual users ---------------------------------------------------------------------

    /** A receiver got a message stamped {@code sentMillis} at {@code receivedMillis} (same clock). */
    public void delivery(long sentMillis, long receivedMillis) {
        long latencyMillis = receivedMillis - sentMillis;
        if (latencyMillis < 0) {
            // Same clock on both ends: a negative latency means a bug in the stamping, never noise. Counted and
            // reported, not recorded, so it cannot drag the percentiles down.
            negative.increment();
            return;
        }
        latency.recordValue(Math.min(MAX_MICROS, latencyMillis * 1000));
    }

    /** A delivery of a warm-up message: into the .hlog's warm-up intervals only, never the run's figures. */
    public void warmupDelivery(long sentMillis, long receivedMillis) {
        long latencyMillis = receivedMillis - sentMillis;
        if (latencyMillis >= 0) {
            warmupLatency.recordValue(Math.min(MAX_MICROS, latencyMillis * 1000));
        }
    }

    public void connected(long latencyMillis) {
        connected.increment();
        connect.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyMillis) * 1000));
    }

    public void connectFailed() {
        connectFailed.increment();
    }

    /** A member that joined after the send phase was fixed, and so took no part. */
    public void joinedLate() {
        joinedLate.increment();
    }

    public void joined(int room) {
        joinedPerRoom.incrementAndGet(room);
    }

    public int joinedIn(int room) {
        return joinedPerRoom.get(room);
    }

    public int joinedTotal() {
        int total = 0;
        for (int i = 0; i < joinedPerRoom.length(); i++) {
            total += joinedPerRoom.get(i);
        }
        return total;
    }

    /** A message left a sender; {@code expectedDeliveries} is the room's joined sockets minus the sender's. */
    public void sent(int expectedDeliveries) {
        sent.increment();
        expected.add(expectedDeliveries);
    }

    /** The target acknowledged a message ok: it is stored and should reach {@code expectedDeliveries} sockets. */
    public void accepted() {
        accepted.increment();
    }

    /** The target refused a message (e.g. rate_limited): nobody should receive it. */
    public void rejected(int expectedDeliveries) {
        rejected.increment();
        expected.add(-expectedDeliveries);
    }

    /** The target acknowledged ok a message of the warm-up: stored on the target, counted nowhere else. */
    public void warmupAccepted() {
        warmupAccepted.increment();
    }

    /** Messages whose acknowledgement never came before the socket closed. */
    public void unacked(int count) {
        unacked.add(count);
    }

    public void received() {
        received.increment();
    }

    public void duplicated() {
        duplicated.increment();
    }

    public void outOfOrder() {
        outOfOrder.increment();
    }

    /** A {@code message} event without this run's stamp (somebody else's traffic). */
    public void foreign() {
        foreign.increment();
    }

    /** Counts an acknowledged action of the mix ("typing ok", "presence-update failed", ...). */
    public void action(String name) {
        actions.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** Closes the current interval: appends it to the .hlog, the totals and the series. */
    public synchronized void tick() {
        long now = clock.getAsLong();
        latencyInterval = latency.getIntervalHistogram(latencyInterval);
        connectInterval = connect.getIntervalHistogram(connectInterval);
        latencyInterval.setStartTimeStamp(lastTick);
        latencyInterval.setEndTimeStamp(now);
        latencyTotal.add(latencyInterval);
        connectTotal.add(connectInterval);
        long count = latencyInterval.getTotalCount();
        double p99 = count == 0 ? Double.NaN : latencyInterval.getValueAtPercentile(99) / 1000.0;
        if (count > 0) {
            lastIntervalP99Ms = p99;
        }
        series.add(new SeriesPoint(lastTick, now, count, p99));
        warmupInterval = warmupLatency.getIntervalHistogram(warmupInterval);
        if (log != null) {
            if (warmupInterval.getTotalCount() > 0) {
                warmupInterval.setStartTimeStamp(lastTick);
                warmupInterval.setEndTimeStamp(now);
                warmupInterval.setTag(WARMUP_TAG);
                log.outputIntervalHistogram(warmupInterval);
            }
            log.outputIntervalHistogram(latencyInterval);
            logStream.flush();
        }
        lastTick = now;
    }

    public synchronized void closeLog() {
        if (logStream != null) {
            logStream.close();
            logStream = null;
            log = null;
        }
    }

    public synchronized Histogram latencyTotal() {
        return latencyTotal.copy();
    }

    public synchronized Histogram connectTotal() {
        return connectTotal.copy();
    }

    public synchronized List<SeriesPoint> series() {
        return List.copyOf(series);
    }

    public java.util.Map<String, Long> actions() {
        java.util.TreeMap<String, Long> map = new java.util.TreeMap<>();
        actions.forEach((k, v) -> map.put(k, v.sum()));
        return map;
    }

    /** The p99 of the last second that had deliveries, in ms (NaN before the first). */
    public double recentP99Ms() {
        return lastIntervalP99Ms;
    }

    public Counts counts() {
        return new Counts(sent.sum(), accepted.sum(), rejected.sum(), unacked.sum(), expected.sum(), received.sum(),
                duplicated.sum(), outOfOrder.sum(), negative.sum(), foreign.sum(), connected.sum(),
                connectFailed.sum(), joinedLate.sum(), warmupAccepted.sum());
    }

    /** A snapshot of the counters. {@code lost} is what was expected and never arrived. */
    public record Counts(long sent, long accepted, long rejected, long unacked, long expected, long received,
                         long duplicated, long outOfOrder, long negativeLatencies, long foreign, long connected,
                         long connectFailed, long joinedLate, long warmupAccepted) {
        public long lost() {
            return Math.max(0, expected - received);
        }
    }
}
