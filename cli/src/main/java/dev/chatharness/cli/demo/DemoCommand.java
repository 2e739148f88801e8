package dev.chatharness.cli.demo;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.DurationConverter;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.LoadRunner;
import dev.chatharness.load.Scenario;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The first five minutes: an embedded reference server, the whole conformance suite and a short
 * fan-out load against it, and one verdict table.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the suite and a short load on an embedded server.",
        description = "Start the reference server embedded (in-memory H2, free port, random secret), run the whole "
                + "conformance suite and a short fan-out load against it, and print a verdict table.",
        footerHeading = "%nExamples:%n",
        footer = {"  chat-harness demo", "  chat-harness demo --load-duration 30s --report-dir demo-reports --json"})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.SOFTWARE})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Option(names = "--report-dir", defaultValue = "reports/demo", paramLabel = "DIR",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--load-duration", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the fan-out load sends (default: ${DEFAULT-VALUE}).")
    Duration loadDuration;

    @Option(names = "--rooms", defaultValue = "10", paramLabel = "N", description = "Rooms of the fan-out load (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--members", defaultValue = "5", paramLabel = "N", description = "Members per room (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "PER_S", description = "Messages per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() {
        String secret = HexFormat.of().formatHex(randomBytes());
        var progress = output.progress();
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(secret).build())) {
            progress.println("demo: reference server listening on " + server.baseUrl() + " (in-memory, random secret)");
            TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new java.util.Properties(),
                    Map.of("target", server.baseUrl(), "jwtSecret", secret));
            ConformanceResult conformance = ConformanceRunner.run(profile, Set.of(),
                    reportDir.resolve("conformance"), progress);
            progress.println();
            LoadResult load = new LoadRunner().run(LoadOptions.builder()
                    .scenario(Scenario.FANOUT)
                    .target(URI.create(server.baseUrl()))
                    .jwtSecret(secret)
                    .rooms(rooms)
                    .members(members)
                    .rate(rate)
                    .duration(loadDuration)
                    .reportDir(reportDir.resolve("load-fanout"))
                    .maxLost(0L)
                    .build(), progress);
            DemoVerdict verdict = new DemoVerdict(conformance, load);
            if (output.json()) {
                output.printJson(verdict.toJson());
            } else {
                progress.flush();
                output.out().println();
                output.out().print(verdict.table());
                output.out().flush();
            }
            return (verdict.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED).code();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
