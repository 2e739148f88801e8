package dev.chatharness.load.simulation;

import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every setting of a load run, validated once. Gatling instantiates simulations by reflection, so the settings
 * travel as {@code chatharness.load.*} system properties: {@link #toProperties()} writes them (the
 * {@link dev.chatharness.load.LoadRunner} does that before it starts Gatling) and {@link #fromProperties} reads
 * them back inside the simulation. Running a simulation with the Gatling Maven plugin takes the same properties.
 */
public record LoadConfig(
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
        Duration connectTimeout,
        String runId) {

    public static final String PREFIX = "chatharness.load.";
    /** Body characters the stamp itself needs ("fo t=" + a millisecond time + a space). */
    static final int MIN_BODY = 24;

    public LoadConfig {
        require(target != null && target.getScheme() != null
                && (target.getScheme().equals("http") || target.getScheme().equals("https"))
                && target.getHost() != null, "target must be an http(s) URL such as http://127.0.0.1:8080", target);
        require((jwtSecret != null && !jwtSecret.isBlank()) ^ (tokensFile != null),
                "give exactly one of jwtSecret and tokensFile", jwtSecret == null ? tokensFile : "both");
        require(tokensFile == null || Files.isReadable(tokensFile), "tokensFile must be a readable file", tokensFile);
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
        require(shard == null || shard.count() <= rooms, "a shard must own at least one room: shards <= rooms", shard);
        require(userMessageRate > 0, "userMessageRate must be positive", userMessageRate);
        require(rampUp == null || !rampUp.isNegative(), "rampUp must be >= 0", rampUp);
        require(grace != null && !grace.isNegative(), "grace must be >= 0", grace);
        require(bodySize >= MIN_BODY && bodySize <= 4000, "bodySize must be " + MIN_BODY + "..4000 characters", bodySize);
        require(connectTimeout != null && connectTimeout.toMillis() > 0, "connectTimeout must be positive", connectTimeout);
        if (scenario != Scenario.CONNECTIONS) {
            double perUser = rate / ((double) rooms * members);
            require(perUser <= userMessageRate,
                    String.format(Locale.ROOT, "rate %.1f/s over %d x %d members is %.2f messages/s per user, above the "
                            + "target's declared per-user rate %.2f/s: add rooms or members, lower the rate, or declare "
                            + "the target's limit with userMessageRate", rate, rooms, members, perUser, userMessageRate),
                    rate);
        }
        if (runId == null || runId.isBlank()) {
            runId = UUID.randomUUID().toString().substring(0, 8);
        }
    }

    private static void require(boolean ok, String message, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(message + " (got " + value + ")");
        }
    }

    /** The configuration of one run of {@code options}, with a fresh run id. */
    public static LoadConfig from(LoadOptions o) {
        return new LoadConfig(o.scenario(), o.target(), o.jwtSecret(), o.tokensFile(), o.rooms(), o.members(),
                o.rate(), o.duration(), o.warmup(), o.reportDir(), o.maxP99Ms(), o.maxLost(), o.shard(), o.origin(),
                o.userMessageRate(), o.rampUp(), o.grace(), o.bodySize(), o.gatlingFanoutRow(), o.verifyWithTarget(),
                Duration.ofSeconds(10), null);
    }

    /** Total rate of this shard: the run's rate times the shard's share of rooms. */
    public double shardRate() {
        return rate * ownedRooms() / rooms;
    }

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

    public Properties toProperties() {
        Properties p = new Properties();
        put(p, "scenario", scenario.cliName());
        put(p, "target", target);
        put(p, "jwtSecret", jwtSecret);
        put(p, "tokensFile", tokensFile);
        put(p, "rooms", rooms);
        put(p, "members", members);
        put(p, "rate", rate);
        put(p, "duration", duration.toMillis() + "ms");
        put(p, "warmup", warmup.toMillis() + "ms");
        put(p, "reportDir", reportDir.toAbsolutePath());
        put(p, "maxP99Ms", maxP99Ms);
        put(p, "maxLost", maxLost);
        put(p, "shard", shard);
        put(p, "origin", origin);
        put(p, "userMessageRate", userMessageRate);
        put(p, "rampUp", rampUp == null ? null : rampUp.toMillis() + "ms");
        put(p, "grace", grace.toMillis() + "ms");
        put(p, "bodySize", bodySize);
        put(p, "gatlingFanoutRow", gatlingFanoutRow);
        put(p, "verifyWithTarget", verifyWithTarget);
        put(p, "connectTimeout", connectTimeout.toMillis() + "ms");
        put(p, "runId", runId);
        return p;
    }

    private static void put(Properties p, String key, Object value) {
        if (value != null) {
            p.setProperty(PREFIX + key, value.toString());
        }
    }

    /** Reads the {@code chatharness.load.*} properties; absent ones take the CLI's defaults. */
    public static LoadConfig fromProperties(Properties p) {
        Function<String, String> get = k -> {
            String v = p.getProperty(PREFIX + k);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String target = get.apply("target");
        if (target == null) {
            throw new IllegalArgumentException("system property " + PREFIX + "target is required");
        }
        return new LoadConfig(
                Scenario.parse(orElse(get.apply("scenario"), "fanout")),
                URI.create(target),
                get.apply("jwtSecret"),
                get.apply("tokensFile") == null ? null : Path.of(get.apply("tokensFile")),
                intOf("rooms", orElse(get.apply("rooms"), "20")),
                intOf("members", orElse(get.apply("members"), "10")),
                doubleOf("rate", orElse(get.apply("rate"), "50")),
                parseDuration("duration", orElse(get.apply("duration"), "30s")),
                parseDuration("warmup", orElse(get.apply("warmup"), "0s")),
                Path.of(orElse(get.apply("reportDir"), "target/load-report")),
                get.apply("maxP99Ms") == null ? null : doubleOf("maxP99Ms", get.apply("maxP99Ms")),
                get.apply("maxLost") == null ? null : (long) doubleOf("maxLost", get.apply("maxLost")),
                Shard.parse(orElse(get.apply("shard"), "0/1")),
                get.apply("origin"),
                doubleOf("userMessageRate", orElse(get.apply("userMessageRate"), "10")),
                get.apply("rampUp") == null ? null : parseDuration("rampUp", get.apply("rampUp")),
                parseDuration("grace", orElse(get.apply("grace"), "3s")),
                intOf("bodySize", orElse(get.apply("bodySize"), "64")),
                Boolean.parseBoolean(orElse(get.apply("gatlingFanoutRow"), "true")),
                Boolean.parseBoolean(orElse(get.apply("verifyWithTarget"), "true")),
                parseDuration("connectTimeout", orElse(get.apply("connectTimeout"), "10s")),
                get.apply("runId"));
    }

    public static LoadConfig fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }

    private static int intOf(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a whole number, got '" + v + "'", e);
        }
    }

    private static double doubleOf(String name, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a number, got '" + v + "'", e);
        }
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or a bare number of seconds. */
    public static Duration parseDuration(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60_000));
            }
            if (t.endsWith("h")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 3_600_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s or 2m, got '" + text + "'", e);
        }
    }
}
