package dev.chatharness.load.simulation;

import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.fanout.FanOutRecorder;
import dev.chatharness.load.fanout.StallMeter;
import dev.chatharness.load.fanout.SynRetransmits;
import dev.chatharness.load.fanout.TimingSink;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.ReportWriter;
import dev.chatharness.load.setup.Member;
import dev.chatharness.load.setup.RoomPlan;
import dev.chatharness.load.setup.RoomPlanner;
import dev.chatharness.load.setup.TargetClient;
import io.gatling.commons.util.Clock;
import io.gatling.core.stats.StatsEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one run shared by its simulation, its virtual users and the {@link dev.chatharness.load.LoadRunner}
 * that watches it: configuration, the rooms on the target, the recorder, the send-phase clock.
 *
 * <p>Gatling creates the simulation by reflection, so the runner and the simulation meet through
 * {@link #register}/{@link #lookup} by run id (a system property), the one static map of this module.
 */
public final class LoadRun {

    private static final Map<String, LoadRun> ACTIVE = new ConcurrentHashMap<>();
    /** How far ahead the send phase is announced: the last joins reach the target, waiting users wake up. */
    static final long SEND_SETTLE_MILLIS = 200;

    private final LoadConfig config;
    private final LoadOptions options;
    private final RoomPlan plan;
    private final Arrivals arrivals;
    private final String targetDescription;
    private final Instant startedAt = Instant.now();
    private final long synRetransmitsAtStart = SynRetransmits.read();
    private final AtomicLong firstUserMillis = new AtomicLong(-1);
    private final AtomicLong sendStartMillis = new AtomicLong(-1);
    private volatile Clock clock;
    private volatile FanOutRecorder recorder;
    private volatile TimingSink timings = TimingSink.NONE;
    private volatile FanOutSummary summary;
    private ScheduledExecutorService ticker;
    private StallMeter stallMeter;

    LoadRun(LoadConfig config, RoomPlan plan) {
        this.config = config;
        this.options = config.options();
        this.plan = plan;
        this.targetDescription = options.target().toString();
        this.arrivals = Arrivals.of(plan.socketCount(), options.effectiveRampUp());
    }

    /** Checks the target and creates this shard's rooms on it. */
    public static LoadRun prepare(LoadConfig config) throws IOException {
        LoadOptions options = config.options();
        TargetClient target = TargetClient.of(options);
        target.checkHealth();
        RoomPlanner planner = new RoomPlanner(target);
        // Tokens outlive the run: connect phase, duration, grace and margin for a slow target.
        Duration lifetime = options.warmup().plus(options.duration()).plus(options.effectiveRampUp())
                .plus(Duration.ofMinutes(15));
        RoomPlan plan = options.tokensFile() != null
                ? planner.planWithTokens(options.tokensFile(), options.rooms(), options.members(), options.shard())
                : planner.planWithSecret(options.minter(), config.runId(), options.rooms(), options.members(),
                        options.shard(), lifetime);
        return new LoadRun(config, plan);
    }

    public static void register(LoadRun run) {
        ACTIVE.put(run.config.runId(), run);
    }

    public static LoadRun lookup(String runId) {
        return runId == null ? null : ACTIVE.get(runId);
    }

    public static void unregister(LoadRun run) {
        ACTIVE.remove(run.config.runId(), run);
    }

    public LoadConfig config() {
        return config;
    }

    /** The settings of this run ({@code config().options()}). */
    public LoadOptions options() {
        return options;
    }

    public RoomPlan plan() {
        return plan;
    }

    /** When this shard's users start: the connect phase as Gatling can schedule it. */
    Arrivals arrivals() {
        return arrivals;
    }

    /** Null until Gatling has built the scenario. */
    public FanOutRecorder recorder() {
        return recorder;
    }

    /** The final summary, once the simulation has finished (null before). */
    public FanOutSummary summary() {
        return summary;
    }

    TimingSink timings() {
        return timings;
    }

    // ---- wiring, from GatlingBridge -----------------------------------------------------------------------------

    synchronized void attach(Clock gatlingClock, StatsEngine stats, String scenarioName) {
        if (recorder != null) {
            return;
        }
        clock = gatlingClock;
        if (options.gatlingFanoutRow()) {
            timings = GatlingBridge.statsSink(stats, scenarioName);
        }
        FanOutRecorder rec = new FanOutRecorder(options.rooms(), gatlingClock::nowMillis);
        try {
            Files.createDirectories(options.reportDir());
            rec.openLog(options.reportDir().resolve(ReportWriter.HLOG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + options.reportDir(), e);
        }
        recorder = rec;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fanout-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(rec::tick, 1, 1, TimeUnit.SECONDS);
        stallMeter = StallMeter.start();
    }

    /** Millis on Gatling's clock: the clock that stamps inbound frames. */
    long now() {
        Clock c = clock;
        return c != null ? c.nowMillis() : System.currentTimeMillis();
    }

    // ---- the phases ----------------------------------------------------------------------------------------------

    Iterator<Map<String, Object>> feeder() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Member m : plan.allMembers()) {
            rows.add(Map.of(Keys.MEMBER, m));
        }
        return rows.iterator();
    }

    void userStarted() {
        firstUserMillis.compareAndSet(-1, now());
    }

    /**
     * True once sending may begin: every planned socket joined its room, or the connect phase is over (then the
     * run goes on with the sockets it has, and expected deliveries count only those).
     */
    boolean sendPhaseStarted() {
        long start = sendStartMillis.get();
        long now = now();
        if (start < 0) {
            // open, connect and join each have connectTimeout: a socket still pending after that has failed
            long deadline = firstUserMillis.get() + arrivals.span().toMillis()
                    + 3 * options.connectTimeout().toMillis() + 1000;
            synchronized (this) {
                FanOutRecorder.Counts c = recorder.counts();
                if (sendStartMillis.get() < 0
                        && (recorder.joinedTotal() + c.connectFailed() >= plan.socketCount() || now > deadline)) {
                    sendStartMillis.set(now + SEND_SETTLE_MILLIS);
                }
            }
            return false;
        }
        return now >= start;
    }

    /**
     * Counts a member as joined, unless the send phase has already been fixed: a member that joins late takes no
     * part (it neither sends nor counts deliveries), so expected deliveries are exactly the joined members'.
     */
    synchronized boolean tryJoin(int room) {
        if (sendStartMillis.get() >= 0) {
            recorder.joinedLate();
            return false;
        }
        recorder.joined(room);
        return true;
    }

    long sendStart() {
        return sendStartMillis.get();
    }

    /** When the measured part of the send phase begins: after the warm-up. */
    long measureStart() {
        long start = sendStartMillis.get();
        return start < 0 ? Long.MAX_VALUE : start + options.warmup().toMillis();
    }

    /** True while the warm-up runs: sending has begun, measuring has not. */
    public boolean warmingUp() {
        long now = now();
        return sendStartMillis.get() >= 0 && now >= sendStart() && now < measureStart();
    }

    long sendEnd() {
        long start = measureStart();
        return start == Long.MAX_VALUE ? start : start + options.duration().toMillis();
    }

    long listenEnd() {
        long end = sendEnd();
        return end == Long.MAX_VALUE ? end : end + options.grace().toMillis();
    }

    /** End of a connection storm's hold: the ramp plus the duration, from the first user's start. */
    long holdEnd() {
        long first = firstUserMillis.get();
        return first < 0 ? Long.MAX_VALUE
                : first + arrivals.span().toMillis() + options.duration().toMillis();
    }

    /** Period between two sends of one member, in ms (open model: independent of the answers). */
    double memberPeriodMillis() {
        return 1000.0 / options.perMemberRate();
    }

    /**
     * The intended time of send slot {@code k} of a member: members are spread evenly over one period so the
     * run's aggregate rate is smooth rather than bursty.
     */
    long intendedSendMillis(Member member, long k) {
        double period = memberPeriodMillis();
        double offset = ((double) member.globalIndex() / ((double) options.rooms() * options.members())) * period;
        return sendStart() + (long) Math.floor(offset + k * period);
    }

    // ---- the end ---------------------------------------------------------------------------------------------------

    /** Stops the ticker, closes the .hlog, checks the target's stored counts, writes the report. */
    public synchronized void finish() {
        if (summary != null || recorder == null) {
            return;
        }
        ticker.shutdownNow();
        stallMeter.close();
        recorder.tick();
        recorder.closeLog();
        Long stored = options.verifyWithTarget() ? countStored() : null;
        long start = sendStart() < 0 ? -1 : measureStart();
        double sendSeconds = start < 0 ? 0 : options.duration().toMillis() / 1000.0;
        // Gatling's clock starts at currentTimeMillis, so its millis read as an epoch time (to within drift).
        Instant sendStartedAt = start < 0 ? null : Instant.ofEpochMilli(start);
        // the stalls of the measured phase; a storm has no send phase, and its connects span the whole run
        List<StallMeter.Stall> stalls = start < 0 ? stallMeter.between(Long.MIN_VALUE, Long.MAX_VALUE)
                : stallMeter.between(start, sendEnd());
        summary = FanOutSummary.of(config, plan.socketCount(), startedAt, sendStartedAt, sendSeconds, recorder, stored,
                SynRetransmits.since(synRetransmitsAtStart), FanOutSummary.GeneratorStalls.of(stalls));
        try {
            ReportWriter.write(options.reportDir(), summary, recorder.latencyTotal(), recorder.connectTotal(),
                    recorder.series());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + options.reportDir(), e);
        }
    }

    private Long countStored() {
        TargetClient target = TargetClient.of(options);
        long total = 0;
        try {
            for (RoomPlan.Room room : plan.rooms()) {
                total += target.countMessages(room.members().get(0).token(), room.conversationId());
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
