package dev.chatharness.cli.conformance;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.ConnectionOptions;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.ProfileResolver;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.Selection;
import dev.chatharness.conformance.TargetProfile;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the conformance suite against a target through the JUnit Platform Launcher. */
@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        header = "Check a target against the contract, clause by clause.",
        description = "Check a Chat v2 target against the contract: transport, auth, isolation, authorization, events, "
                + "delivery, rate limits, robustness and security. Writes JUnit XML and a Markdown report.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness conformance --target http://127.0.0.1:8080 --jwt-secret s",
            "  CHAT_HARNESS_JWT_SECRET=... chat-harness conformance \\",
            "      --target https://chat.staging.example --tags auth,isolation",
            "  chat-harness conformance --target http://127.0.0.1:8080 --jwt-secret s \\",
            "      --clauses 3.3,3.7",
            "  chat-harness conformance --profile staging.yaml --report-dir reports --json",
            "  chat-harness conformance --target https://chat.staging.example \\",
            "      --ca-cert ca.pem --header 'X-Api-Key: k' --jwt-secret-file s.txt",
            "",
            "A target that stops answering during the run fails it (exit 1); the report",
            "names what the suite had just sent."})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.TARGET_UNREACHABLE, ExitCode.SOFTWARE})
public final class ConformanceCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--tags", split = ",", paramLabel = "TAG",
            description = "Groups to run (default: all): transport, auth, isolation, authorization, events, delivery, "
                    + "ratelimit, robustness, security.")
    List<String> tags = List.of();

    @Option(names = "--clauses", split = ",", paramLabel = "CLAUSE",
            description = "Clauses of the contract (specs/contract.md) whose checks to run, e.g. 3.3,9.1 (default: all).")
    List<String> clauses = List.of();

    @Option(names = "--report-dir", defaultValue = "reports/conformance", paramLabel = "DIR",
            description = "Where the JUnit XML and the Markdown report go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Override
    public Integer call() {
        TargetProfile profile = ProfileResolver.resolve(target, connection);
        ConnectionOptions.warnIfInsecure(profile.tlsTrust(), output.err());
        Selection selection = new Selection(new LinkedHashSet<>(tags),
                clauses.stream().map(c -> c.startsWith("§") ? c.substring(1) : c).collect(Collectors.toSet()));
        ConformanceResult result = ConformanceRunner.run(profile, selection, reportDir, output.progress());
        if (output.json()) {
            output.printJson(ConformanceJson.of(result, reportDir));
        } else if (output.quiet()) {
            output.out().println(result.status() + ": " + result.message());
            result.failures().forEach(f -> output.out().println("  " + f.line()));
        }
        if (result.status() == ConformanceResult.Status.BAD_PROFILE
                || result.status() == ConformanceResult.Status.UNREACHABLE) {
            output.err().println("error: " + result.message());
        }
        return result.exitCode();
    }
}
