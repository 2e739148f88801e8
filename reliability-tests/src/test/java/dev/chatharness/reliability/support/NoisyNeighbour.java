package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.common.token.TokenMinter;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant floods far past its rate limit while another, quiet tenant chats at a steady pace; the quiet tenant's
 * ack latency is measured before and during the flood, against any server of the contract (the reference server,
 * or the Node socket.io server of {@code bench/noisy-neighbour.sh}).
 *
 * <ul>
 *   <li>Flood: {@code floodSockets} sockets of {@code floodUsers} users of one tenant (spread evenly), each emitting
 *       {@code message} with an ack {@code floodRate} times a second into its user's own conversation, on a fixed
 *       20 ms tick. At the reference figures (20 per user, 10 a second) nearly every event is refused.</li>
 *   <li>Quiet: {@code quietSenders} users of another tenant in one conversation, all joined, each emitting
 *       {@code message} {@code quietRate} times a second on a fixed schedule (offsets spread over the period).
 *       Latency runs from each send's intended time to its ack (no coordinated omission), into an HdrHistogram.</li>
 * </ul>
 *
 * <p>Phases: a warm-up (not measured: JIT, pools) that switches the flood on and off, the "before" phase (quiet
 * tenant alone), then "during" (flood on). Flood and quiet sockets use separate HTTP clients,
 * so the quiet tenant's frames never wait behind the flood's in this process's selector.
 */
public final class NoisyNeighbour {
    private static final Duration TTL = Duration.ofHours(2);
    private static final long TICK_MS = 20;

    /** What to run. */
    public record Settings(int floodSockets, int floodUsers, int floodRate, int quietSenders, int quietRate,
                           Duration warmup, Duration phase) {
        public static Settings fromSystemProperties(Settings defaults) {
            return new Settings(
                    Integer.getInteger("noisy.floodSockets", defaults.floodSockets),
                    Integer.getInteger("noisy.floodUsers", defaults.floodUsers),
                    Integer.getInteger("noisy.floodRate", defaults.floodRate),
                    Integer.getInteger("noisy.quietSenders", defaults.quietSenders),
                    Integer.getInteger("noisy.quietRate", defaults.quietRate),
                    Duration.ofSeconds(Integer.getInteger("noisy.warmupSeconds", (int) defaults.warmup.toSeconds())),
                    Duration.ofSeconds(Integer.getInteger("noisy.phaseSeconds", (int) defaults.phase.toSeconds())));
        }

        @Override
        public String toString() {
            return String.format("flood %d sockets of %d users x %d/s; quiet %d senders x %d/s; warm-up %d s, phases %d s",
                    floodSockets, floodUsers, floodRate, quietSenders, quietRate, warmup.toSeconds(), phase.toSeconds());
        }
    }

    /** The quiet tenant in one phase: ack latency (µs) of ok acks, and what was not ok or never answered. */
    public record Phase(Histogram latency, int sent, int ok, int failed, int unanswered) {
        public double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMs() {
            return latency.getMaxValue() / 1000.0;
        }

        @Override
        public String toString() {
            return String.format("p50 %.1f p99 %.1f max %.1f ms (%d sent, %d ok, %d failed, %d unanswered)",
                    ms(50), ms(99), maxMs(), sent, ok, failed, unanswered);
        }
    }

    /** When a phase ran (epoch milliseconds), so that a script can read the server's CPU time over it. */
    public record Window(long startMillis, long endMillis) {
        static Window from(long startMillis) {
            return new Window(startMillis, System.currentTimeMillis());
        }
    }

    /** The flood during the measured phase. */
    public record FloodCounts(long sent, long ok, long rateLimited, long other, long unanswered) {
        @Override
        public String toString() {
            return String.format("%d sent: %d ok, %d rate_limited, %d other, %d unanswered", sent, ok, rateLimited,
                    other, unanswered);
        }
    }

    /**
     * Outcome of a run. {@code quietStored} is what the quiet conversation holds afterwards (REST history) and
     * {@code quietAcked} how many ok acks its senders got over all phases; {@code quietMissedBroadcasts} counts
     * messages a quiet member should have received from the others and did not.
     */
    public record Result(Phase before, Phase during, FloodCounts flood, int quietAcked, int quietStored,
                         long quietMissedBroadcasts, Window beforeWindow, Window duringWindow) {
        public double p99Ratio() {
            return during.ms(99) / Math.max(0.001, before.ms(99));
        }
    }

    private final String baseUrl;
    private final String secret;
    private final Settings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient floodHttp = HttpClient.newHttpClient();
    private final HttpClient quietHttp = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "noisy-neighbour-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<RawChat> floodSockets = new ArrayList<>();
    private final List<String> floodConversationOfSocket = new ArrayList<>();
    private final List<RawChat> quietSockets = new ArrayList<>();
    private String quietConversation;
    private String quietReaderToken;

    private final AtomicLong floodSent = new AtomicLong();
    private final AtomicLong floodOk = new AtomicLong();
    private final AtomicLong floodLimited = new AtomicLong();
    private final AtomicLong floodOther = new AtomicLong();
    private final AtomicInteger quietAcked = new AtomicInteger();
    private final List<AtomicInteger> quietAckedBySocket = new ArrayList<>();
    private final Map<CompletableFuture<String>, Boolean> floodPending = new ConcurrentHashMap<>();
    /** Held while a flood tick sends: {@link #stopFlood} takes it to wait for the last one. */
    private final Object floodTickLock = new Object();

    private NoisyNeighbour(String baseUrl, String secret, Settings settings) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.settings = settings;
    }

    /** Runs the whole measurement against {@code baseUrl}, whose tokens are HS256 with {@code secret}. */
    public static Result run(String baseUrl, String secret, Settings settings) throws InterruptedException {
        NoisyNeighbour n = new NoisyNeighbour(baseUrl, secret, settings);
        try {
            n.connect();
            n.warmUp();

            long beforeStart = System.currentTimeMillis();
            Phase before = n.measure(settings.phase);
            Window beforeWindow = Window.from(beforeStart);
            long[] start = n.floodCounters();
            long duringStart = System.currentTimeMillis();
            ScheduledFuture<?> flood = n.startFlood();
            Phase during = n.measure(settings.phase);
            n.stopFlood(flood);
            Window duringWindow = Window.from(duringStart);
            long unanswered = n.awaitFloodAnswers();
            long[] end = n.floodCounters();
            FloodCounts counts = new FloodCounts(end[0] - start[0], end[1] - start[1], end[2] - start[2],
                    end[3] - start[3], unanswered);
            int stored = new Rest(baseUrl).history(n.quietReaderToken, n.quietConversation).size();
            return new Result(before, during, counts, n.quietAcked.get(), stored, n.missedBroadcasts(), beforeWindow,
                    duringWindow);
        } finally {
            n.close();
        }
    }

    /**
     * The warm-up switches the flood on and off (5 s on, 5 s off, the quiet tenant sending throughout), so that a
     * JIT compiler has seen both regimes before they are measured: code compiled for one is recompiled when the
     * other starts (the JVM's C2 compiler took most of a core for tens of seconds after each switch otherwise).
     */
    private void warmUp() throws InterruptedException {
        long cycles = Math.max(1, settings.warmup.toSeconds() / 10);
        for (long c = 0; c < cycles; c++) {
            ScheduledFuture<?> flood = startFlood();
            measure(Duration.ofSeconds(5));
            stopFlood(flood);
            awaitFloodAnswers();
            measure(Duration.ofSeconds(5));
        }
    }

    private String token(String tenant, String user) {
        return new TokenMinter(secret).token(tenant, user, TTL);
    }

    private void connect() {
        Rest rest = new Rest(baseUrl);
        String quietTenant = "quiet-" + run;
        List<String> quietUsers = new ArrayList<>();
        for (int i = 0; i < settings.quietSenders; i++) {
            quietUsers.add("q" + i);
        }
        quietReaderToken = token(quietTenant, quietUsers.get(0));
        quietConversation = rest.createConversation(quietReaderToken, quietUsers.subList(1, quietUsers.size()));
        for (String u : quietUsers) {
            RawChat s = RawChat.open(quietHttp, baseUrl, token(quietTenant, u));
            LiveSocket.await(s.connected(), "quiet CONNECT");
            LiveSocket.await(s.emit("join-conversation", Map.of("conversationId", quietConversation)), "quiet join");
            quietSockets.add(s);
            quietAckedBySocket.add(new AtomicInteger());
        }
        String floodTenant = "flood-" + run;
        List<String> conversationOfUser = new ArrayList<>();
        for (int u = 0; u < settings.floodUsers; u++) {
            conversationOfUser.add(rest.createConversation(token(floodTenant, "f" + u), List.of()));
        }
        List<RawChat> batch = new ArrayList<>();
        for (int i = 0; i < settings.floodSockets; i++) {
            int user = i % settings.floodUsers;
            batch.add(RawChat.open(floodHttp, baseUrl, token(floodTenant, "f" + user)));
            floodConversationOfSocket.add(conversationOfUser.get(user));
            if (batch.size() == 50 || i == settings.floodSockets - 1) {
                batch.forEach(s -> LiveSocket.await(s.connected(), "flood CONNECT"));
                floodSockets.addAll(batch);
                batch.clear();
            }
        }
    }

    /** Every flood socket emits one {@code message} per tick, {@code floodRate} ticks a second. */
    private ScheduledFuture<?> startFlood() {
        long periodMicros = 1_000_000L / settings.floodRate;
        List<String> frames = floodConversationOfSocket.stream()
                .map(c -> "[\"message\",{\"conversationId\":\"" + c + "\",\"body\":\"flood\"}]").toList();
        return timer.scheduleAtFixedRate(() -> {
            synchronized (floodTickLock) { // stopFlood waits on it for a tick still sending
                floodTick(frames);
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /**
     * Stops the flood and returns once no tick is still sending: cancelling alone let a running tick go on adding
     * events after the caller had started counting the unanswered ones, and those then looked unanswered.
     */
    private void stopFlood(ScheduledFuture<?> flood) {
        flood.cancel(false);
        synchronized (floodTickLock) {
            // a tick that was running has finished; none starts after the cancel
        }
    }

    private void floodTick(List<String> frames) {
        for (int i = 0; i < floodSockets.size(); i++) {
            floodSent.incrementAndGet();
            CompletableFuture<String> ack = floodSockets.get(i).emitRaw(frames.get(i));
            floodPending.put(ack, Boolean.TRUE);
            ack.whenComplete((reply, e) -> {
                floodPending.remove(ack);
                if (e != null) {
                    return;
                }
                if (reply.startsWith("[{\"ok\":true")) {
                    floodOk.incrementAndGet();
                } else if (reply.contains("\"code\":\"rate_limited\"")) {
                    floodLimited.incrementAndGet();
                } else {
                    floodOther.incrementAndGet();
                }
            });
        }
    }

    private long[] floodCounters() {
        return new long[] {floodSent.get(), floodOk.get(), floodLimited.get(), floodOther.get()};
    }

    /** Waits (up to 30 s) for the flood's outstanding acks; returns how many never came. */
    private long awaitFloodAnswers() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (CompletableFuture<String> f : List.copyOf(floodPending.keySet())) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // counted below
            }
        }
        long unanswered = floodPending.size();
        floodPending.clear();
        return unanswered;
    }

    /** The quiet tenant sends for {@code length}; every ack is awaited (up to 30 s) before this returns. */
    private Phase measure(Duration length) throws InterruptedException {
        ConcurrentHistogram histogram = new ConcurrentHistogram(60_000_000L, 3);
        long periodMs = 1000L / settings.quietRate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(periodMs);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<JsonNode>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        long perSender = length.toMillis() / periodMs;
        for (int i = 0; i < quietSockets.size(); i++) {
            RawChat s = quietSockets.get(i);
            AtomicInteger ownAcked = quietAckedBySocket.get(i);
            long offsetMs = i * periodMs / quietSockets.size();
            AtomicInteger n = new AtomicInteger();
            tasks.add(timer.scheduleAtFixedRate(() -> {
                int k = n.getAndIncrement();
                if (k >= perSender) {
                    return;
                }
                long intended = start + TimeUnit.MILLISECONDS.toNanos(offsetMs + k * periodMs);
                sent.incrementAndGet();
                CompletableFuture<JsonNode> ack = s.emit("message", Map.of("conversationId", quietConversation,
                        "body", "quiet " + k));
                pending.add(ack.whenComplete((reply, e) -> {
                    if (e == null && reply.path("ok").asBoolean(false)) {
                        ok.incrementAndGet();
                        quietAcked.incrementAndGet();
                        ownAcked.incrementAndGet();
                        histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    } else if (e == null) {
                        failed.incrementAndGet();
                    }
                }));
            }, TimeUnit.NANOSECONDS.toMillis(start - System.nanoTime()) + offsetMs, periodMs, TimeUnit.MILLISECONDS));
        }
        // The phase itself: the schedule above runs for this long; the acks are awaited with a bound below.
        Thread.sleep(length.toMillis() + periodMs);
        tasks.forEach(t -> t.cancel(false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int unanswered = 0;
        for (CompletableFuture<JsonNode> f : List.copyOf(pending)) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                unanswered++;
            }
        }
        return new Phase(histogram.copy(), sent.get(), ok.get(), failed.get(), unanswered);
    }

    /** Each quiet member should have received every other member's acked message once. */
    private long missedBroadcasts() throws InterruptedException {
        long missed = 0;
        for (int i = 0; i < quietSockets.size(); i++) {
            RawChat s = quietSockets.get(i);
            long expected = quietAcked.get() - quietAckedBySocket.get(i).get();
            long got = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got < expected && System.nanoTime() < deadline) {
                if (s.nextMessage(Duration.ofMillis(200)) != null) {
                    got++;
                }
            }
            missed += Math.max(0, expected - got);
        }
        return missed;
    }

    private void close() {
        timer.shutdownNow();
        floodSockets.forEach(RawChat::close);
        quietSockets.forEach(RawChat::close);
    }

    /**
     * {@code NoisyNeighbour BASE_URL JWT_SECRET LABEL}: one run, settings from {@code -Dnoisy.*} system properties;
     * prints one {@code noisy:} line for bench/noisy-neighbour.sh.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: NoisyNeighbour BASE_URL JWT_SECRET LABEL");
            System.exit(2);
        }
        Settings settings = Settings.fromSystemProperties(
                new Settings(200, 20, 50, 4, 5, Duration.ofSeconds(40), Duration.ofSeconds(10)));
        Result r = run(args[0], args[1], settings);
        System.out.printf("noisy: %s | before %s | during %s | p99 ratio %.2f | flood %s | quiet acked %d stored %d"
                        + " missed broadcasts %d | windows before %d-%d during %d-%d%n", args[2], r.before(),
                r.during(), r.p99Ratio(), r.flood(), r.quietAcked(), r.quietStored(), r.quietMissedBroadcasts(),
                r.beforeWindow().startMillis(), r.beforeWindow().endMillis(), r.duringWindow().startMillis(),
                r.duringWindow().endMillis());
        System.exit(0);
    }
}
