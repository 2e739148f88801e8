package dev.chatharness.cli.load;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.ConnectionOptions;
import dev.chatharness.cli.common.DurationConverter;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.ProfileResolver;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.LoadRunner;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One load scenario run; the three subclasses only name the scenario and describe it. */
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.TARGET_UNREACHABLE, ExitCode.SOFTWARE})
abstract class LoadScenarioCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--rooms", defaultValue = "20", paramLabel = "N", description = "Rooms (conversations) (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--members", defaultValue = "10", paramLabel = "N", description = "Members per room (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "PER_S",
            description = "Messages per second over the whole run (new connections per second for 'connections') (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to send (or hold connections) (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
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

    @Option(names = "--user-message-rate", paramLabel = "PER_S",
            description = "Per-user message rate the target allows; runs that would exceed it are refused (default: the "
                    + "profile's messageRate refill when --profile is given, else 10).")
    Double userMessageRate;

    abstract Scenario scenario();


    @Override
    public Integer call() {
        Reach reach = target.profileFile() != null ? Reach.of(ProfileResolver.resolve(target, connection))
                : Reach.fromFlags(target, connection);
        ConnectionOptions.warnIfInsecure(reach.trust(), output.err());
        LoadOptions options;
        try {
            options = LoadOptions.builder()
                    .scenario(scenario())
                    .target(reach.url())
                    .jwtSecret(reach.jwtSecret())
                    .tokensFile(reach.tokensFile())
                    .caCert(reach.trust().caCert().orElse(null))
                    .insecure(reach.trust().insecure())
                    .headers(reach.headers())
                    .socketPath(reach.socketPath())
                    .jwtIssuer(reach.jwtIssuer())
                    .jwtAudience(reach.jwtAudience())
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
                    .userMessageRate(userMessageRate != null ? userMessageRate : reach.userMessageRate())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LoadResult result;
        try {
            result = output.containingLibraryOutput(() -> new LoadRunner().run(options, output.progress()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LoadOutput.print(result, output);
        return result.exitCode();
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            header = "Fan-out latency: rooms of members, every delivery timed.",
            description = "R rooms of M members; senders emit at an open-model rate (free of coordinated omission); every "
                    + "receiver records the fan-out latency of every message: p50 to max, lost, duplicated, out of "
                    + "order.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  chat-harness load fanout --target http://127.0.0.1:8080 --jwt-secret s \\",
                "      --rooms 20 --members 10 --rate 50 --duration 15s",
                "  # a CI gate:",
                "  chat-harness load fanout --target URL --jwt-secret s --max-p99 50 \\",
                "      --max-lost 0",
                "  # a benchmark:",
                "  chat-harness load fanout --target URL --jwt-secret s \\",
                "      --warmup 10s --no-gatling-row",
                "  # through TLS with a private CA and a gateway's key:",
                "  chat-harness load fanout --target https://chat.staging.example \\",
                "      --ca-cert ca.pem --header 'X-Api-Key: k' --jwt-secret-file s.txt",
                "  # one of two injectors (then: chat-harness load merge s0 s1):",
                "  chat-harness load fanout --target URL --jwt-secret s --shard 1/2 \\",
                "      --report-dir s1"})
    static final class FanOut extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.FANOUT;
        }
    }

    @Command(name = "connections", mixinStandardHelpOptions = true,
            header = "Connection capacity: ramp up sockets and hold them.",
            description = "Open rooms x members authenticated connections at --rate new connections a second, measure "
                    + "handshake-to-connected latency, and hold them for --duration.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  chat-harness load connections --target URL --jwt-secret s --rooms 50",
                "  chat-harness load connections --target URL --jwt-secret s \\",
                "      --rooms 100 --members 50 --rate 500 --max-lost 0"})
    static final class Connections extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.CONNECTIONS;
        }
    }

    @Command(name = "mix", mixinStandardHelpOptions = true,
            header = "A realistic mix: messages, typing, receipts, presence, REST.",
            description = "Every action of a member is one of: a message (60%), typing (20%), a read receipt (10%), a "
                    + "presence update (5%) or a REST read of the room (5%); fan-out latency is measured on the "
                    + "messages.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  chat-harness load mix --target URL --jwt-secret s",
                "  chat-harness load mix --target URL --tokens tokens.txt \\",
                "      --rooms 5 --members 4 --rate 10 --duration 1m"})
    static final class Mix extends LoadScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.MIX;
        }
    }
}
