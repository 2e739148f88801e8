package dev.chatharness.cli.load;

import dev.chatharness.cli.common.DurationConverter;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.PreIssuedTokens;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.LoadRunner;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One load scenario run; the three subclasses only name the scenario. */
abstract class LoadScenarioCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Option(names = "--rooms", defaultValue = "20", description = "Rooms (conversations) (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--members", defaultValue = "10", description = "Members per room (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--rate", defaultValue = "50",
            description = "Messages per second over the whole run (new connections per second for 'connections') (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to send (or hold connections) (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Send at the full rate this long before --duration begins, counting nothing, so that JIT "
                    + "compilation in this injector and in the target is not measured; duplicates and order are "
                    + "still checked (default: ${DEFAULT-VALUE}; fanout and mix).")
    Duration warmup;

    @Option(names = "--no-gatling-row", negatable = false,
            description = "Do not log every delivery as a 'fan-out latency' row in Gatling's report (the summary, the "
                    + ".hlog and --max-p99 do not need it): about a third less injector CPU per delivery, for "
                    + "benchmarks at high rates.")
    boolean noGatlingRow;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Report folder (default: reports/load-SCENARIO).")
    Path reportDir;

    @Option(names = "--max-p99", paramLabel = "MS", description = "Fail (exit 1) when fan-out p99 exceeds this many ms.")
    Double maxP99;

    @Option(names = "--max-lost", paramLabel = "N", description = "Fail (exit 1) when more than N deliveries are lost.")
    Long maxLost;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "I/N",
            description = "Run only shard I of N (whole rooms per shard), for several injectors (default: ${DEFAULT-VALUE}).")
    String shard;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "Send this Origin header on handshakes (none by default: the contract refuses unknown origins).")
    String origin;

    @Option(names = "--user-message-rate", defaultValue = "10", paramLabel = "PER_S",
            description = "Per-user message rate the target allows; runs that would exceed it are refused (default: ${DEFAULT-VALUE}).")
    double userMessageRate;

    abstract Scenario scenario();

    @Override
    public Integer call() {
        URI url = target.targetUrl();
        if (url == null) {
            throw new UsageException("--target URL is required");
        }
        Path tokens = target.tokensFile();
        if (tokens != null) {
            PreIssuedTokens.requireUsable(tokens, Instant.now());
        }
        String secret = tokens == null ? target.jwtSecret().orElse(null) : null;
        if (tokens == null && secret == null) {
            throw new UsageException("give --jwt-secret (or --jwt-secret-file, $CHAT_HARNESS_JWT_SECRET) or --tokens FILE");
        }
        LoadOptions options;
        try {
            options = LoadOptions.builder()
                    .scenario(scenario())
                    .target(url)
                    .jwtSecret(secret)
                    .tokensFile(tokens)
                    .rooms(rooms)
                    .members(members)
                    .rate(rate)
                    .duration(duration)
                    .warmup(warmup)
                    .gatlingFanoutRow(!noGatlingRow)
                    .reportDir(reportDir != null ? reportDir : Path.of("reports", "load-" + scenario().cliName()))
                    .maxP99Ms(maxP99)
                    .maxLost(maxLost)
                    .shard(Shard.parse(shard))
                    .origin(origin)
                    .userMessageRate(userMessageRate)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LoadResult result;
        try {
            result = new LoadRunner().run(options, output.progress());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LoadOutput.print(result, output);
        return result.exitCode();
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = "R rooms of M members; senders emit at an open-model rate; every receiver records fan-out latency.")
    static final class FanOut extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.FANOUT;
        }
    }

    @Command(name = "connections", mixinStandardHelpOptions = true,
            description = "Ramp to rooms x members authenticated connections, measure handshake-to-connected latency, hold them.")
    static final class Connections extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.CONNECTIONS;
        }
    }

    @Command(name = "mix", mixinStandardHelpOptions = true,
            description = "A realistic mix of messages, typing, read receipts, presence and REST calls.")
    static final class Mix extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.MIX;
        }
    }
}
