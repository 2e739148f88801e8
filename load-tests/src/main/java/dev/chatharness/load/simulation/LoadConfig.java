package dev.chatharness.load.simulation;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.time.Durations;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One run of some {@link LoadOptions}: the options and the run's id (fresh for every run, so its tenants and users
 * are its own). Gatling instantiates simulations by reflection, so a run travels as {@code chatharness.load.*}
 * system properties: {@link #toProperties()} writes them (the {@link dev.chatharness.load.LoadRunner} does that
 * before it starts Gatling) and {@link #fromProperties} reads them back inside the simulation. Running a simulation
 * with the Gatling Maven plugin takes the same properties; durations in them follow {@link Durations}.
 */
public record LoadConfig(LoadOptions options, String runId) {

    public static final String PREFIX = "chatharness.load.";
    private static final String RUN_ID = "runId";

    /**
     * Each setting once: its property name, how it is written, how it is read back. Settings left out of the
     * properties keep the defaults of {@link LoadOptions#builder()}.
     */
    private static final List<Setting> SETTINGS = List.of(
            new Setting("scenario", o -> o.scenario().cliName(), (b, v) -> b.scenario(Scenario.parse(v.text()))),
            new Setting("target", LoadOptions::target, (b, v) -> b.target(URI.create(v.text()))),
            new Setting("jwtSecret", LoadOptions::jwtSecret, (b, v) -> b.jwtSecret(v.text())),
            new Setting("tokensFile", LoadOptions::tokensFile, (b, v) -> b.tokensFile(Path.of(v.text()))),
            new Setting("caCert", LoadOptions::caCert, (b, v) -> b.caCert(Path.of(v.text()))),
            new Setting("insecure", LoadOptions::insecure, (b, v) -> b.insecure(v.asBoolean())),
            // One header a line: a value may hold commas, never a line break.
            new Setting("headers", o -> o.headers().isEmpty() ? null : HttpHeader.toLines(o.headers()),
                    (b, v) -> b.headers(v.asHeaders())),
            new Setting("socketPath", LoadOptions::socketPath, (b, v) -> b.socketPath(v.text())),
            new Setting("jwtIssuer", LoadOptions::jwtIssuer, (b, v) -> b.jwtIssuer(v.text())),
            new Setting("jwtAudience", LoadOptions::jwtAudience, (b, v) -> b.jwtAudience(v.text())),
            new Setting("rooms", LoadOptions::rooms, (b, v) -> b.rooms(v.asInt())),
            new Setting("members", LoadOptions::members, (b, v) -> b.members(v.asInt())),
            new Setting("rate", LoadOptions::rate, (b, v) -> b.rate(v.asDouble())),
            new Setting("duration", o -> Durations.format(o.duration()), (b, v) -> b.duration(v.asDuration())),
            new Setting("warmup", o -> Durations.format(o.warmup()), (b, v) -> b.warmup(v.asDuration())),
            new Setting("reportDir", o -> o.reportDir().toAbsolutePath(), (b, v) -> b.reportDir(Path.of(v.text()))),
            new Setting("maxP99Ms", LoadOptions::maxP99Ms, (b, v) -> b.maxP99Ms(v.asDouble())),
            new Setting("maxLost", LoadOptions::maxLost, (b, v) -> b.maxLost((long) v.asDouble())),
            new Setting("shard", LoadOptions::shard, (b, v) -> b.shard(Shard.parse(v.text()))),
            new Setting("origin", LoadOptions::origin, (b, v) -> b.origin(v.text())),
            new Setting("userMessageRate", LoadOptions::userMessageRate, (b, v) -> b.userMessageRate(v.asDouble())),
            new Setting("rampUp", o -> o.rampUp() == null ? null : Durations.format(o.rampUp()),
                    (b, v) -> b.rampUp(v.asDuration())),
            new Setting("grace", o -> Durations.format(o.grace()), (b, v) -> b.grace(v.asDuration())),
            new Setting("bodySize", LoadOptions::bodySize, (b, v) -> b.bodySize(v.asInt())),
            new Setting("gatlingFanoutRow", LoadOptions::gatlingFanoutRow,
                    (b, v) -> b.gatlingFanoutRow(Boolean.parseBoolean(v.text()))),
            new Setting("verifyWithTarget", LoadOptions::verifyWithTarget,
                    (b, v) -> b.verifyWithTarget(Boolean.parseBoolean(v.text()))),
            new Setting("connectTimeout", o -> Durations.format(o.connectTimeout()),
                    (b, v) -> b.connectTimeout(v.asDuration())));

    public LoadConfig {
        if (options == null) {
            throw new IllegalArgumentException("options must be set");
        }
        if (runId == null || runId.isBlank()) {
            runId = UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** A run of {@code options} with a fresh run id. */
    public static LoadConfig freshRun(LoadOptions options) {
        return new LoadConfig(options, null);
    }

    /** Every setting, and the run id, as {@code chatharness.load.*} properties. */
    public Properties toProperties() {
        Properties p = new Properties();
        for (Setting s : SETTINGS) {
            Object value = s.write().apply(options);
            if (value != null) {
                p.setProperty(PREFIX + s.key(), value.toString());
            }
        }
        p.setProperty(PREFIX + RUN_ID, runId);
        return p;
    }

    /**
     * Reads the {@code chatharness.load.*} properties; absent ones take the defaults of {@link LoadOptions#builder()}.
     *
     * @throws IllegalArgumentException naming the property whose value is unusable
     */
    public static LoadConfig fromProperties(Properties p) {
        if (blankToNull(p.getProperty(PREFIX + "target")) == null) {
            throw new IllegalArgumentException("system property " + PREFIX + "target is required");
        }
        LoadOptions.Builder builder = LoadOptions.builder();
        for (Setting s : SETTINGS) {
            String text = blankToNull(p.getProperty(PREFIX + s.key()));
            if (text != null) {
                s.read().accept(builder, new Value(PREFIX + s.key(), text));
            }
        }
        return new LoadConfig(builder.build(), blankToNull(p.getProperty(PREFIX + RUN_ID)));
    }

    public static LoadConfig fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private record Setting(String key, Function<LoadOptions, Object> write, BiConsumer<LoadOptions.Builder, Value> read) {
    }

    /** A property's text, read as the type its setting needs; errors name the property. */
    private record Value(String property, String text) {
        int asInt() {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " must be a whole number, got '" + text + "'", e);
            }
        }

        double asDouble() {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " must be a number, got '" + text + "'", e);
            }
        }

        boolean asBoolean() {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(property + " must be true or false, got '" + text + "'");
            }
            return Boolean.parseBoolean(text);
        }

        List<HttpHeader> asHeaders() {
            try {
                return HttpHeader.parseLines(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        }

        Duration asDuration() {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        }
    }
}
