package dev.chatharness.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.reliability.support.LiveSocket;
import dev.chatharness.reliability.support.Rest;
import dev.chatharness.server.ChatServer;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.server.config.ServerConfig;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7, item 4: connection floods from one user and from one address and event floods past the rate limit are
 * capped with the contract's answers, and another tenant's users stay served meanwhile: their ack latency
 * (from the intended send time, HdrHistogram) is measured without and then during the flood, in the same run.
 * {@code -Dflood.seconds=N} and {@code -Dflood.flooders=N} lengthen it (bench/flood.sh).
 */
@Timeout(150)
class FloodTest {
    private static final String SECRET = "flood-secret";
    private static final Duration TTL = Duration.ofHours(1);
    private static final int PER_USER = 8;
    private static final int PER_ADDRESS = 40;

    private static ServerConfig config() {
        return ServerConfig.builder().port(0).jwtSecret(SECRET).maxSocketsPerUser(PER_USER)
                .maxSocketsPerAddress(PER_ADDRESS).build();
    }

    private static String token(String tenant, String user) {
        return new TokenMinter(SECRET).token(tenant, user, TTL);
    }

    @Test
    @DisplayName("one user past its socket cap is refused with CONNECT_ERROR rate_limited, and gets its slots back on disconnect")
    void connection_flood_from_one_user_is_capped() {
        try (ChatServer server = ChatServer.start(config())) {
            String t = token("acme", "flooder");
            List<LiveSocket> opened = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < PER_USER + 5; i++) {
                    LiveSocket s = LiveSocket.open(server.baseUrl(), t);
                    opened.add(s);
                    Object outcome = s.awaitOutcome();
                    if (outcome instanceof LiveSocket.ConnectRefused r) {
                        refused++;
                        assertThat(r.payload().path("message").asText()).isEqualTo("rate_limited");
                        assertThat(r.payload().path("data").path("code").asText()).isEqualTo("rate_limited");
                    }
                }
                assertThat(refused).as("connections past the cap of " + PER_USER).isEqualTo(5);
                assertThat(server.socketCount()).isEqualTo(PER_USER);
            } finally {
                opened.forEach(LiveSocket::close);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.socketCount() == 0);
            try (LiveSocket again = LiveSocket.connect(server.baseUrl(), t)) {
                assertThat(again.connected()).as("slots come back when the sockets go").isTrue();
            }
        }
    }

    @Test
    @DisplayName("one address past its socket cap is refused with rate_limited, whoever the users are")
    void connection_flood_from_one_address_is_capped() {
        try (ChatServer server = ChatServer.start(config())) {
            List<LiveSocket> opened = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < PER_ADDRESS + 10; i++) {
                    LiveSocket s = LiveSocket.open(server.baseUrl(), token("acme", "user-" + i));
                    opened.add(s);
                    if (s.awaitOutcome() instanceof LiveSocket.ConnectRefused r) {
                        refused++;
                        assertThat(r.payload().path("data").path("code").asText()).as("refusal " + r.payload())
                                .isEqualTo("rate_limited");
                    }
                }
                assertThat(refused).isEqualTo(10);
                assertThat(server.socketCount()).isEqualTo(PER_ADDRESS);
            } finally {
                opened.forEach(LiveSocket::close);
            }
        }
    }

    @Test
    @DisplayName("an event flood past the rate limit is answered rate_limited (retryAfterMs > 0), not stored, and other tenants keep their latency")
    void event_flood_is_capped_and_other_tenants_stay_served() throws Exception {
        int seconds = Integer.getInteger("flood.seconds", 5);
        int flooders = Integer.getInteger("flood.flooders", 6);
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET)
                .maxSocketsPerUser(PER_USER).build())) {
            Rest rest = new Rest(server.baseUrl());
            Victims victims = new Victims(server.baseUrl(), rest, "globex-" + UUID.randomUUID().toString().substring(0, 6));
            try {
                Histogram baseline = victims.measure(Duration.ofSeconds(seconds));
                Flood flood = new Flood(server.baseUrl(), rest, flooders);
                try {
                    flood.start();
                    Histogram during = victims.measure(Duration.ofSeconds(seconds));
                    flood.stop();
                    double ratio = (double) during.getValueAtPercentile(99) / Math.max(1, baseline.getValueAtPercentile(99));
                    System.out.printf("flood: other tenant's ack latency (ms) baseline p50 %.1f p99 %.1f max %.1f (%d acks);"
                                    + " during flood p50 %.1f p99 %.1f max %.1f (%d acks); p99 ratio %.2f;"
                                    + " flood sent %d events: %d ok, %d rate_limited; %d connect attempts, %d refused%n",
                            ms(baseline, 50), ms(baseline, 99), baseline.getMaxValue() / 1000.0, baseline.getTotalCount(),
                            ms(during, 50), ms(during, 99), during.getMaxValue() / 1000.0, during.getTotalCount(), ratio,
                            flood.sent.get(), flood.ok.get(), flood.limited.get(), flood.connects.get(), flood.refusedConnects.get());
                    assertThat(victims.failures).as("the other tenant's acks were all ok").hasValue(0);
                    assertThat(flood.limited.get()).as("flood events answered rate_limited").isPositive();
                    assertThat(flood.badRetryAfter.get()).as("rate_limited answers without retryAfterMs > 0").isZero();
                    assertThat(flood.refusedConnects.get()).as("connection flood refusals").isPositive();
                    // Loose on purpose: flood, victims and server share this JVM and a shared 2-core box; the figures
                    // printed above are the measurement (docs/reliability.md), this only catches a server that stalls.
                    assertThat(ms(during, 99)).as("other tenant's p99 during the flood (ms)").isLessThan(10_000);
                    flood.assertNothingStoredPastTheLimit(rest);
                } finally {
                    flood.close();
                }
            } finally {
                victims.close();
            }
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Another tenant: five users in one conversation, each sending 4 messages a second on a fixed schedule. */
    private static final class Victims implements AutoCloseable {
        private final List<LiveSocket> sockets = new ArrayList<>();
        private final String conversationId;
        private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        final AtomicInteger failures = new AtomicInteger();

        Victims(String baseUrl, Rest rest, String tenant) {
            List<String> users = List.of("v0", "v1", "v2", "v3", "v4");
            conversationId = rest.createConversation(token(tenant, "v0"), users.subList(1, users.size()));
            for (String u : users) {
                LiveSocket s = LiveSocket.connect(baseUrl, token(tenant, u));
                s.ok("join-conversation", Map.of("conversationId", conversationId));
                sockets.add(s);
            }
        }

        /** Ack latency in µs, measured from each send's intended time (no coordinated omission). */
        Histogram measure(Duration length) throws InterruptedException {
            ConcurrentHistogram histogram = new ConcurrentHistogram(60_000_000L, 3);
            long periodMs = 250;
            long start = System.nanoTime();
            List<ScheduledFuture<?>> tasks = new ArrayList<>();
            List<CompletableFuture<JsonNode>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < sockets.size(); i++) {
                LiveSocket s = sockets.get(i);
                long offset = i * periodMs / sockets.size();
                AtomicInteger n = new AtomicInteger();
                tasks.add(timer.scheduleAtFixedRate(() -> {
                    long intended = start + TimeUnit.MILLISECONDS.toNanos(offset + n.getAndIncrement() * periodMs);
                    CompletableFuture<JsonNode> ack = s.emit("message", Map.of("conversationId", conversationId,
                            "body", "victim " + UUID.randomUUID()));
                    pending.add(ack.whenComplete((reply, e) -> {
                        if (e != null || !reply.path("ok").asBoolean(false)) {
                            failures.incrementAndGet();
                        } else {
                            histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                        }
                    }));
                }, offset, periodMs, TimeUnit.MILLISECONDS));
            }
            Thread.sleep(length.toMillis()); // the measurement window itself, not a wait for an event
            tasks.forEach(t -> t.cancel(false));
            for (CompletableFuture<JsonNode> f : List.copyOf(pending)) {
                LiveSocket.await(f, "a victim's ack");
            }
            return histogram.copy();
        }

        @Override
        public void close() {
            timer.shutdownNow();
            sockets.forEach(LiveSocket::close);
        }
    }

    /** Tenant A floods: users sending messages as fast as they can, and one user churning connections past its cap. */
    private static final class Flood implements AutoCloseable {
        private final String baseUrl;
        private final List<LiveSocket> sockets = new ArrayList<>();
        private final List<String> conversations = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger limited = new AtomicInteger();
        final AtomicInteger badRetryAfter = new AtomicInteger();
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger refusedConnects = new AtomicInteger();
        private final java.util.Map<String, AtomicInteger> okPerConversation = new java.util.concurrent.ConcurrentHashMap<>();

        Flood(String baseUrl, Rest rest, int flooders) {
            this.baseUrl = baseUrl;
            for (int i = 0; i < flooders; i++) {
                String user = "f" + i;
                String conversation = rest.createConversation(token(tenant, user), List.of());
                conversations.add(conversation);
                okPerConversation.put(conversation, new AtomicInteger());
                sockets.add(LiveSocket.connect(baseUrl, token(tenant, user)));
            }
        }

        void start() {
            for (int i = 0; i < sockets.size(); i++) {
                LiveSocket s = sockets.get(i);
                String conversation = conversations.get(i);
                threads.add(daemon("flooder-" + i, () -> flood(s, conversation)));
            }
            threads.add(daemon("churner", this::churn));
        }

        private static Thread daemon(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void flood(LiveSocket s, String conversation) {
            java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(50);
            while (!stopping.get()) {
                try {
                    if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                sent.incrementAndGet();
                s.emit("message", Map.of("conversationId", conversation, "body", "flood")).whenComplete((reply, e) -> {
                    window.release();
                    if (e != null) {
                        return;
                    }
                    if (reply.path("ok").asBoolean(false)) {
                        ok.incrementAndGet();
                        okPerConversation.get(conversation).incrementAndGet();
                    } else if ("rate_limited".equals(reply.path("error").path("code").asText())) {
                        limited.incrementAndGet();
                        if (reply.path("error").path("retryAfterMs").asLong(0) <= 0) {
                            badRetryAfter.incrementAndGet();
                        }
                    }
                });
            }
        }

        /** One user opening sockets past its cap again and again. */
        private void churn() {
            String t = token(tenant, "churner");
            while (!stopping.get()) {
                List<LiveSocket> batch = new ArrayList<>();
                for (int i = 0; i < PER_USER * 2 && !stopping.get(); i++) {
                    batch.add(LiveSocket.open(baseUrl, t));
                }
                for (LiveSocket s : batch) {
                    connects.incrementAndGet();
                    if (s.awaitOutcome() instanceof LiveSocket.ConnectRefused) {
                        refusedConnects.incrementAndGet();
                    }
                }
                batch.forEach(LiveSocket::close);
            }
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        /** What the flooders were told was stored is exactly what is stored: refused events left nothing behind. */
        void assertNothingStoredPastTheLimit(Rest rest) {
            for (int i = 0; i < conversations.size(); i++) {
                String conversation = conversations.get(i);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        rest.history(token(tenant, "f" + conversations.indexOf(conversation)), conversation))
                        .hasSize(okPerConversation.get(conversation).get()));
            }
        }

        @Override
        public void close() {
            stopping.set(true);
            sockets.forEach(LiveSocket::close);
        }
    }
}
