package dev.chatharness.cli.check;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.ConnectionOptions;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.cli.common.ProfileResolver;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.ProfileException;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.doctor.DeploymentDoctor;
import dev.chatharness.conformance.doctor.Diagnosis;
import dev.chatharness.conformance.doctor.Verdict;
import dev.chatharness.conformance.harness.Clients;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The deployment doctor: in seconds, what stands between clients and a staging deployment, one verdict a line, each
 * fault with its cause and its fix.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        header = "Diagnose a deployment in seconds, naming each fault.",
        description = "Check in seconds that a target, and whatever stands in front of it, works the way clients will "
                + "meet it: reachable through TLS and the gateway, the server's clock, long-polling and WebSocket "
                + "each, the upgrade, the socket path, sticky sessions over several polling sessions, every socket of "
                + "two users (spread over the nodes) receiving writes made over REST, and the web app's Origin. One "
                + "verdict a line; each fault comes with its cause and its fix.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness check --profile staging.yaml",
            "  chat-harness check --target http://127.0.0.1:8080 --jwt-secret dev-secret",
            "  chat-harness check --target https://chat.staging.example --ca-cert ca.pem \\",
            "      --header 'X-Api-Key: k' --jwt-secret-file s.txt \\",
            "      --origin https://app.example",
            "  chat-harness check --target https://chat.example --tokens tokens.yaml --json",
            "",
            "Exit 1 names faults of a deployment that answers (no sticky sessions, no",
            "shared adapter, WebSocket upgrade refused, wrong socket path, clock skew...);",
            "exit 3 means it could not get in (nothing listening, untrusted certificate,",
            "gateway or token refused)."})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.TARGET_UNREACHABLE, ExitCode.SOFTWARE})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--origin", paramLabel = "URL",
            description = "The Origin of the deployment's web app, to check it is let through (or allowedOrigin in the "
                    + "profile).")
    String origin;

    @Override
    public Integer call() {
        TargetProfile profile = ProfileResolver.resolve(target, connection,
                origin == null ? Map.of() : Map.of("allowedOrigin", origin));
        ConnectionOptions.warnIfInsecure(profile.tlsTrust(), output.err());
        Diagnosis diagnosis;
        try (Clients clients = new Clients(profile)) {
            diagnosis = DeploymentDoctor.examine(clients, Clock.systemUTC());
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
        if (output.json()) {
            output.printJson(diagnosis.toJson());
        } else {
            output.out().println("check " + diagnosis.target() + " (socket path " + diagnosis.socketPath() + ")");
            for (Verdict verdict : diagnosis.verdicts()) {
                if (!output.quiet() || verdict.status() == Verdict.Status.FAULT) {
                    output.out().println("  " + verdict.line());
                }
            }
            output.out().println(diagnosis.summary());
        }
        if (diagnosis.exitCode() == ExitCode.TARGET_UNREACHABLE) {
            diagnosis.verdicts().stream().filter(v -> v.fault().isPresent()).findFirst()
                    .ifPresent(v -> output.err().println("error: " + v.finding() + v.fix().map(f -> " " + f).orElse("")));
        }
        return diagnosis.exitCode().code();
    }
}
