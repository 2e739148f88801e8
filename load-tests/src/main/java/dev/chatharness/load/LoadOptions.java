package dev.chatharness.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to run: the CLI's {@code load} options as one immutable value. Build it with {@link #builder()}; every
 * value is checked once, in {@link dev.chatharness.load.simulation.LoadConfig}, with a message naming the bad value.
 *
 * <pre>{@code
 * LoadOptions options = LoadOptions.builder()
 *         .scenario(Scenario.FANOUT).target(URI.create("http://127.0.0.1:8080")).jwtSecret("s3cret")
 *         .rooms(20).members(10).rate(50).duration(Duration.ofSeconds(15))
 *         .reportDir(Path.of("reports/fanout")).maxP99Ms(50.0).maxLost(0L).build();
 * LoadResult result = new LoadRunner().run(options, System.out);
 * System.exit(result.exitCode());
 * }</pre>
 *
 * @param rate messages per second for the whole run (all shards together) in fanout and mix; new connections per
 *             second in connections
 * @param duration how long senders send (fanout, mix) or connections are held after the ramp (connections)
 * @param warmup how long senders send at the full rate before {@code duration} begins (fanout, mix); what is sent
 *               then is delivered and checked for order but counted nowhere, so neither the injector's nor the
 *               target's JIT compilation is measured
 * @param maxP99Ms threshold on fan-out p99 (connect p99 for connections), or null for none
 * @param maxLost threshold on lost deliveries (failed connections for connections), or null for none
 * @param origin an {@code Origin} header to send on handshakes, or null to send none (the contract refuses
 *               unknown origins, so by default the load generator sends no Origin at all)
 * @param userMessageRate the per-user message rate the target declares (contract default 10/s); a run that
 *                        would make one user send faster is refused before it starts
 * @param rampUp how long the connect phase spreads new connections over, or null for a default from the size
 * @param grace how long receivers keep listening after the last send
 * @param bodySize characters of each message body (the send stamp included)
 * @param gatlingFanoutRow also log each delivery as a "fan-out latency" row in Gatling's report (assertable)
 * @param verifyWithTarget after the run, count the stored messages with REST and compare
 * @param progressInterval how often a progress line is printed
 */
public record LoadOptions(
        Scenario scenario,
        URI target,
        String jwtSecret,
        Path tokensFile,
        int rooms,
        int members,
        double rate,
        Duration duration,
        Duration warmup,
        Path reportDir,
        Double maxP99Ms,
        Long maxLost,
        Shard shard,
        String origin,
        double userMessageRate,
        Duration rampUp,
        Duration grace,
        int bodySize,
        boolean gatlingFanoutRow,
        boolean verifyWithTarget,
        Duration progressInterval) {

    public LoadOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(progressInterval, "progressInterval");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with the defaults of the CLI: 20 rooms of 10 members, 50 msg/s, 30 s, the whole run. */
    public static final class Builder {
        private Scenario scenario = Scenario.FANOUT;
        private URI target;
        private String jwtSecret;
        private Path tokensFile;
        private int rooms = 20;
        private int members = 10;
        private double rate = 50;
        private Duration duration = Duration.ofSeconds(30);
        private Duration warmup = Duration.ZERO;
        private Path reportDir = Path.of("reports", "load");
        private Double maxP99Ms;
        private Long maxLost;
        private Shard shard = Shard.WHOLE;
        private String origin;
        private double userMessageRate = 10;
        private Duration rampUp;
        private Duration grace = Duration.ofSeconds(3);
        private int bodySize = 64;
        private boolean gatlingFanoutRow = true;
        private boolean verifyWithTarget = true;
        private Duration progressInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder scenario(Scenario v) { scenario = v; return this; }
        public Builder target(URI v) { target = v; return this; }
        public Builder jwtSecret(String v) { jwtSecret = v; return this; }
        public Builder tokensFile(Path v) { tokensFile = v; return this; }
        public Builder rooms(int v) { rooms = v; return this; }
        public Builder members(int v) { members = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder reportDir(Path v) { reportDir = v; return this; }
        public Builder maxP99Ms(Double v) { maxP99Ms = v; return this; }
        public Builder maxLost(Long v) { maxLost = v; return this; }
        public Builder shard(Shard v) { shard = v; return this; }
        public Builder origin(String v) { origin = v; return this; }
        public Builder userMessageRate(double v) { userMessageRate = v; return this; }
        public Builder rampUp(Duration v) { rampUp = v; return this; }
        public Builder grace(Duration v) { grace = v; return this; }
        public Builder bodySize(int v) { bodySize = v; return this; }
        public Builder gatlingFanoutRow(boolean v) { gatlingFanoutRow = v; return this; }
        public Builder verifyWithTarget(boolean v) { verifyWithTarget = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }

        public LoadOptions build() {
            return new LoadOptions(scenario, target, jwtSecret, tokensFile, rooms, members, rate, duration, warmup, reportDir,
                    maxP99Ms, maxLost, shard, origin, userMessageRate, rampUp, grace, bodySize, gatlingFanoutRow,
                    verifyWithTarget, progressInterval);
        }
    }
}
