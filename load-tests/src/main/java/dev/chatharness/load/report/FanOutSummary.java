package dev.chatharness.load.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.fanout.FanOutRecorder;
import dev.chatharness.load.fanout.StallMeter;
import dev.chatharness.load.simulation.LoadConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The content of {@code fanout-summary.json}: one run, or the merge of several shards. The schema is documented
 * in {@code docs/load-tests.md}; {@link #SCHEMA} names its version.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FanOutSummary(
        String schema,
        String scenario,
        String target,
        String runId,
        List<String> shards,
        int rooms,
        int members,
        double rate,
        double durationSeconds,
        String startedAt,
        String sendPhaseStartedAt,
        double sendPhaseSeconds,
        double warmupSeconds,
        Latency latencyMs,
        double deliveriesPerSecond,
        Deliveries deliveries,
        Messages messages,
        Connections connections,
        Map<String, Long> actions,
        Thresholds thresholds,
        GeneratorStalls generatorStalls) {

    public static final String SCHEMA = "chat-harness/fanout-summary/1";

    /** Percentiles in milliseconds; null values when nothing was recorded. */
    public record Latency(long count, Double p50, Double p90, Double p99,
                          @JsonProperty("p99_9") Double p999, Double max, Double mean) {

        public static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, null, null, null, null, null, null);
            }
            return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                    Math.round(h.getMean()) / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    /** Deliveries are (message, receiving socket) pairs. {@code lost = max(0, expected - received)}. */
    public record Deliveries(long expected, long received, long lost, long duplicated, long outOfOrder,
                             long negativeLatencies, long foreign) {
    }

    /**
     * {@code storedOnTarget}: messages the target's REST API returns for the run's rooms (null if not checked);
     * it includes {@code warmupAccepted}, the messages of the warm-up acknowledged ok, which no other count does.
     */
    public record Messages(long sent, long accepted, long rejected, long unacked, Long storedOnTarget,
                           long warmupAccepted) {

        /** What the target stored, as a reader wants it: "not checked", "120", or "200 (80 of them from the warm-up)". */
        public String storedDescription() {
            if (storedOnTarget == null) {
                return "not checked";
            }
            return warmupAccepted == 0 ? storedOnTarget.toString()
                    : storedOnTarget + " (" + warmupAccepted + " of them from the warm-up)";
        }
    }

    /**
     * {@code failed}: sockets that could not connect or join; {@code joinedLate}: sockets that joined after the
     * send phase began and so took no part (on a target too slow to let every socket in within the connect phase);
     * {@code synRetransmits}: TCP handshakes this machine retransmitted during the run, each a connect the target
     * (or a proxy before it) dropped and the kernel retried a second or more later (null where not readable; see
     * {@link dev.chatharness.load.fanout.SynRetransmits}).
     */
    public record Connections(long planned, long connected, long failed, long joinedLate, Latency connectLatencyMs,
                              Long synRetransmits) {

        /** A line for a reader when handshakes were retransmitted, else null. */
        public String retransmitNote() {
            if (synRetransmits == null || synRetransmits == 0) {
                return null;
            }
            return synRetransmits + " TCP handshakes were retransmitted on this machine during the run: the target "
                    + "(or a proxy before it) dropped connects, most often because its accept queue (listen backlog) "
                    + "was full; each retransmission adds 1 s or more to a connect";
        }
    }

    /**
     * The load generator's own stalls in the measured phase (the whole run for a storm): times its JVM ran none of
     * its threads for {@link StallMeter#STALL_MILLIS} ms or more (see {@link StallMeter}). Every latency measured
     * across a stall grows by up to its length. {@code longest}: the longest few with their times, which the
     * per-second chart marks.
     */
    public record GeneratorStalls(long count, double totalMs, double maxMs, List<StallMeter.Stall> longest) {

        /** How many of the longest stalls are kept, with their times, for the per-second chart. */
        public static final int LONGEST_KEPT = 10;
        public static final GeneratorStalls NONE = new GeneratorStalls(0, 0, 0, List.of());

        public GeneratorStalls {
            longest = longest == null ? List.of() : List.copyOf(longest); // absent from the first reports with stalls
        }

        public static GeneratorStalls of(List<StallMeter.Stall> stalls) {
            double total = 0;
            double max = 0;
            for (StallMeter.Stall s : stalls) {
                total += s.millis();
                max = Math.max(max, s.millis());
            }
            return new GeneratorStalls(stalls.size(), round(total), round(max), longestOf(stalls));
        }

        /** The stalls of shards on different machines and JVMs: counted together, the longest of all. */
        public GeneratorStalls plus(GeneratorStalls other) {
            List<StallMeter.Stall> both = new ArrayList<>(longest);
            both.addAll(other.longest);
            return new GeneratorStalls(count + other.count, round(totalMs + other.totalMs),
                    Math.max(maxMs, other.maxMs), longestOf(both));
        }

        /** The {@link #LONGEST_KEPT} longest, in time order. */
        private static List<StallMeter.Stall> longestOf(List<StallMeter.Stall> stalls) {
            return stalls.stream()
                    .sorted(Comparator.comparingDouble(StallMeter.Stall::millis).reversed())
                    .limit(LONGEST_KEPT)
                    .sorted(Comparator.comparingLong(StallMeter.Stall::startMillis))
                    .toList();
        }

        /**
         * A line for a reader when the generator's longest stall is at least half the latency percentile judged
         * ({@code p99}), so that it may account for that figure; else null.
         */
        public String note(Double p99) {
            if (count == 0 || p99 == null || maxMs < p99 / 2) {
                return null;
            }
            String stalled = count == 1 ? String.format(Locale.ROOT, "once, for %.0f ms", maxMs)
                    : String.format(Locale.ROOT, "%d times for %.0f ms in all, up to %.0f ms at once", count, totalMs,
                            maxMs);
            return String.format(Locale.ROOT, "the load generator itself stalled %s (its garbage collection, or no "
                    + "free core): latencies measured across a stall include it, so a p99 of %.1f ms may be partly the "
                    + "generator's; give it a core of its own or spread the load over shards", stalled, p99);
        }

        private static double round(double millis) {
            return Math.round(millis * 10) / 10.0;
        }
    }

    /** The thresholds asked for and the ones broken (empty when the run passed). */
    public record Thresholds(Double maxP99Ms, Long maxLost, List<String> broken) {
    }

    public boolean passed() {
        return thresholds.broken().isEmpty();
    }

    /** The judged latency: connect times in a storm, fan-out latency otherwise (what --max-p99 holds). */
    public Latency judgedLatency() {
        return judged(scenario, latencyMs, connections);
    }

    private static Latency judged(String scenario, Latency fanOut, Connections connections) {
        return Scenario.parse(scenario) == Scenario.CONNECTIONS ? connections.connectLatencyMs() : fanOut;
    }

    /** The generator's stall note for this run's judged p99, or null (see {@link GeneratorStalls#note}). */
    public String stallNote() {
        return generatorStalls == null ? null : generatorStalls.note(judgedLatency().p99());
    }

    /** The same summary with the generator's stalls (null where unknown, as in reports written before them). */
    public FanOutSummary withGeneratorStalls(GeneratorStalls stalls) {
        return new FanOutSummary(schema, scenario, target, runId, shards, rooms, members, rate, durationSeconds,
                startedAt, sendPhaseStartedAt, sendPhaseSeconds, warmupSeconds, latencyMs, deliveriesPerSecond,
                deliveries, messages, connections, actions, thresholds, stalls);
    }

    /** The summary of one finished run. */
    public static FanOutSummary of(LoadConfig config, int plannedSockets, Instant startedAt, Instant sendStartedAt,
                                   double sendPhaseSeconds, FanOutRecorder recorder, Long storedOnTarget,
                                   Long synRetransmits, GeneratorStalls stalls) {
        FanOutRecorder.Counts c = recorder.counts();
        Histogram latency = recorder.latencyTotal();
        Deliveries deliveries = new Deliveries(c.expected(), c.received(), c.lost(), c.duplicated(), c.outOfOrder(),
                c.negativeLatencies(), c.foreign());
        Messages messages = new Messages(c.sent(), c.accepted(), c.rejected(), c.unacked(), storedOnTarget, c.warmupAccepted());
        Connections connections = new Connections(plannedSockets, c.connected(), c.connectFailed(), c.joinedLate(),
                Latency.of(recorder.connectTotal()), synRetransmits);
        double perSecond = sendPhaseSeconds > 0 ? c.received() / sendPhaseSeconds : 0;
        LoadOptions o = config.options();
        return assemble(o.scenario().cliName(), o.target().toString(), config.runId(),
                List.of(o.shard().toString()), o.rooms(), o.members(), o.rate(),
                o.duration().toMillis() / 1000.0, startedAt.toString(),
                sendStartedAt == null ? null : sendStartedAt.toString(), sendPhaseSeconds,
                o.warmup().toMillis() / 1000.0, Latency.of(latency),
                perSecond, deliveries, messages, connections, recorder.actions(), o.maxP99Ms(), o.maxLost())
                .withGeneratorStalls(stalls);
    }

    /** Builds a summary and judges it against the thresholds. */
    public static FanOutSummary assemble(String scenario, String target, String runId, List<String> shards, int rooms,
                                         int members, double rate, double durationSeconds, String startedAt,
                                         String sendPhaseStartedAt, double sendPhaseSeconds, double warmupSeconds,
                                         Latency latency, double deliveriesPerSecond,
                                         Deliveries deliveries, Messages messages, Connections connections,
                                         Map<String, Long> actions, Double maxP99Ms, Long maxLost) {
        List<String> broken = new ArrayList<>();
        boolean storm = Scenario.parse(scenario) == Scenario.CONNECTIONS;
        Latency gated = judged(scenario, latency, connections);
        if (maxP99Ms != null && gated.p99() != null && gated.p99() > maxP99Ms) {
            broken.add(String.format(Locale.ROOT, "%s p99 %.1f ms > max %.1f ms",
                    storm ? "connect" : "fan-out", gated.p99(), maxP99Ms));
        }
        long lostOrFailed = storm ? connections.failed() : deliveries.lost();
        if (maxLost != null && lostOrFailed > maxLost) {
            broken.add((storm ? "failed connections " : "lost deliveries ") + lostOrFailed + " > max " + maxLost);
        }
        if (!storm && messages.sent() == 0) {
            // Without this a run that measured nothing passed every threshold: a generator starved of CPU fell so far
            // behind its schedule at 3,200 msg/s that no measured message went out, and the verdict was PASSED.
            broken.add("no message was sent in the measured phase, so nothing was measured (the load generator fell "
                    + "behind its schedule, or the run was shorter than one send interval)");
        }
        if (deliveries.negativeLatencies() > 0) {
            broken.add(deliveries.negativeLatencies() + " negative latencies (a clock bug in the load generator)");
        }
        return new FanOutSummary(SCHEMA, scenario, target, runId, shards, rooms, members, rate, durationSeconds,
                startedAt, sendPhaseStartedAt, sendPhaseSeconds, warmupSeconds, latency, deliveriesPerSecond, deliveries, messages, connections,
                actions, new Thresholds(maxP99Ms, maxLost, List.copyOf(broken)), null);
    }
}
