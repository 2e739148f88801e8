package dev.chatharness.load;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.common.token.TokenMinter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to run: every setting of a load run as one immutable value, checked once, here, with a message naming the
 * bad value (an {@link IllegalArgumentException}: the CLI's usage error). Build it with {@link #builder()}.
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
 * @param caCert a PEM file of a CA to trust besides the platform's (a staging deployment's private CA), or null
 * @param insecure verify neither certificates nor host names (Gatling's own default, which a run only keeps when told)
 * @param headers extra headers on every REST call and Socket.IO handshake (a gateway's key)
 * @param socketPath the Socket.IO path on the host, as a client's {@code path} option ({@code /socket.io/})
 * @param jwtIssuer an {@code iss} claim for minted tokens, or null, when the target checks it
 * @param jwtAudience an {@code aud} claim for minted tokens, or null, when the target checks it
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
 * @param connectTimeout how long a socket may take to connect (and to be answered on join) before it counts as failed
 * @param progressInterval how often a progress line is printed
 */
public record LoadOptions(
        Scenario scenario,
        URI target,
        String jwtSecret,
        Path tokensFile,
        Path caCert,
        boolean insecure,
        List<HttpHeader> headers,
        String socketPath,
        String jwtIssuer,
        String jwtAudience,
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
        Duration connectTimeout,
        Duration progressInterval) {

    /** Body characters the send stamp itself needs ("fo t=" + a millisecond time + a space). */
    public static final int MIN_BODY = 24;

    public LoadOptions {
        require(scenario != null, "scenario must be set", scenario);
        require(target != null && target.getScheme() != null
                && (target.getScheme().equals("http") || target.getScheme().equals("https"))
                && target.getHost() != null, "target must be an http(s) URL such as http://127.0.0.1:8080", target);
        require((jwtSecret != null && !jwtSecret.isBlank()) ^ (tokensFile != null),
                "give exactly one of jwtSecret and tokensFile", jwtSecret == null ? tokensFile : "both");
        require(tokensFile == null || Files.isReadable(tokensFile), "tokensFile must be a readable file", tokensFile);
        TlsTrust.of(Optional.ofNullable(caCert), insecure); // a CA file that holds no certificate is refused here
        headers = List.copyOf(headers == null ? List.of() : headers);
        require(socketPath != null && socketPath.startsWith("/"), "socketPath must start with '/'", socketPath);
        require(rooms >= 1 && rooms <= 100_000, "rooms must be 1..100000", rooms);
        require(members >= (scenario == Scenario.CONNECTIONS ? 1 : 2) && members <= 10_000,
                "members must be 2..10000 (1.. for connections)", members);
        require(rate > 0 && rate <= 1_000_000, "rate must be > 0 and <= 1000000 per second", rate);
        require(duration != null && !duration.isNegative() && !duration.isZero(), "duration must be positive", duration);
        require(warmup != null && !warmup.isNegative(), "warmup must be >= 0", warmup);
        require(reportDir != null, "reportDir must be set", reportDir);
        require(maxP99Ms == null || maxP99Ms > 0, "maxP99Ms must be positive", maxP99Ms);
        require(maxLost == null || maxLost >= 0, "maxLost must be >= 0", maxLost);
        require(shard != null, "shard must be set", shard);
        require(shard.count() <= rooms, "a shard must own at least one room: shards <= rooms", shard);
        require(userMessageRate > 0, "userMessageRate must be positive", userMessageRate);
        require(rampUp == null || !rampUp.isNegative(), "rampUp must be >= 0", rampUp);
        require(grace != null && !grace.isNegative(), "grace must be >= 0", grace);
        require(bodySize >= MIN_BODY && bodySize <= 4000, "bodySize must be " + MIN_BODY + "..4000 characters", bodySize);
        require(connectTimeout != null && connectTimeout.toMillis() > 0, "connectTimeout must be positive", connectTimeout);
        require(progressInterval != null && progressInterval.toMillis() > 0, "progressInterval must be positive",
                progressInterval);
        if (scenario != Scenario.CONNECTIONS) {
            double perUser = rate / ((double) rooms * members);
            require(perUser <= userMessageRate,
                    String.format(Locale.ROOT, "rate %.1f/s over %d x %d members is %.2f messages/s per user, above the "
                            + "target's declared per-user rate %.2f/s: add rooms or members, lower the rate, or declare "
                            + "the target's limit with userMessageRate", rate, rooms, members, perUser, userMessageRate),
                    rate);
        }
    }

    private static void require(boolean ok, String message, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(message + " (got " + value + ")");
        }
    }

    /** Which server certificates this run trusts. */
    public TlsTrust tlsTrust() {
        return TlsTrust.of(Optional.ofNullable(caCert), insecure);
    }

    /** The minter of this run's tokens, with its issuer and audience; only for runs with a {@code jwtSecret}. */
    public TokenMinter minter() {
        return new TokenMinter(jwtSecret, Optional.ofNullable(jwtIssuer), Optional.ofNullable(jwtAudience),
                Clock.systemUTC());
    }

    /** Total rate of this shard: the run's rate times the shard's share of rooms. */
    public double shardRate() {
        return rate * ownedRooms() / rooms;
    }

    /** How many of the run's rooms this shard plays. */
    public int ownedRooms() {
        int owned = 0;
        for (int r = 0; r < rooms; r++) {
            if (shard.owns(r)) {
                owned++;
            }
        }
        return owned;
    }

    /** Messages (or actions) per second of one member: the same in every shard. */
    public double perMemberRate() {
        return rate / ((double) rooms * members);
    }

    /** The connect phase: as given, or long enough to open this shard's sockets at about 500 a second. */
    public Duration effectiveRampUp() {
        if (rampUp != null) {
            return rampUp;
        }
        long sockets = (long) ownedRooms() * members;
        if (scenario == Scenario.CONNECTIONS) {
            // rate is new connections a second over all shards; this shard opens its share at its share of it.
            return Duration.ofMillis(Math.max(1, Math.round(sockets * 1000.0 / shardRate())));
        }
        return Duration.ofMillis(Math.max(1000, sockets * 2));
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
        private Path caCert;
        private boolean insecure;
        private List<HttpHeader> headers = List.of();
        private String socketPath = "/socket.io/";
        private String jwtIssuer;
        private String jwtAudience;
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
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration progressInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder scenario(Scenario v) { scenario = v; return this; }
        public Builder target(URI v) { target = v; return this; }
        public Builder jwtSecret(String v) { jwtSecret = v; return this; }
        public Builder tokensFile(Path v) { tokensFile = v; return this; }
        public Builder caCert(Path v) { caCert = v; return this; }
        public Builder insecure(boolean v) { insecure = v; return this; }
        public Builder headers(List<HttpHeader> v) { headers = v; return this; }
        public Builder socketPath(String v) { socketPath = v; return this; }
        public Builder jwtIssuer(String v) { jwtIssuer = v; return this; }
        public Builder jwtAudience(String v) { jwtAudience = v; return this; }
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
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }

        /** @throws IllegalArgumentException naming the first bad value */
        public LoadOptions build() {
            return new LoadOptions(scenario, target, jwtSecret, tokensFile, caCert, insecure, headers, socketPath,
                    jwtIssuer, jwtAudience, rooms, members, rate, duration, warmup, reportDir,
                    maxP99Ms, maxLost, shard, origin, userMessageRate, rampUp, grace, bodySize, gatlingFanoutRow,
                    verifyWithTarget, connectTimeout, progressInterval);
        }
    }
}
