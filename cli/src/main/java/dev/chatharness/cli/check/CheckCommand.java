package dev.chatharness.cli.check;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.cli.conformance.ProfileResolver;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.ProfileException;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.harness.Clients;
import dev.chatharness.conformance.harness.ReachabilityProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The seconds-long pre-flight before a long run: reachable, speaks Socket.IO, accepts our tokens. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        header = "Check in seconds that a target is ready for a run.",
        description = "Check in seconds that a target is reachable (GET /health), completes a Socket.IO handshake, and "
                + "accepts the profile's tokens, before a long conformance or load run.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness check --profile staging.yaml",
            "  chat-harness check --target http://127.0.0.1:8080 --jwt-secret dev-secret",
            "  chat-harness check --target https://chat.example --tokens tokens.yaml --json"})
@ExitCodes({ExitCode.OK, ExitCode.USAGE, ExitCode.TARGET_UNREACHABLE, ExitCode.SOFTWARE})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        TargetProfile profile = ProfileResolver.resolve(target);
        long start = System.nanoTime();
        Optional<String> problem;
        try (Clients clients = new Clients(profile)) {
            problem = ReachabilityProbe.check(clients);
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", profile.target().toString());
            json.put("ready", problem.isEmpty());
            json.put("problem", problem.orElse(null));
            json.put("millis", millis);
            json.put("exitCode", (problem.isEmpty() ? ExitCode.OK : ExitCode.TARGET_UNREACHABLE).code());
            output.printJson(json);
        }
        if (problem.isPresent()) {
            output.err().println("error: " + problem.get());
            return ExitCode.TARGET_UNREACHABLE.code();
        }
        if (!output.json()) {
            output.out().println("ready: " + profile.target() + " answers /health, completes a Socket.IO handshake and accepts "
                    + (profile.mintsTokens() ? "tokens minted with the secret" : "the pre-issued tokens")
                    + " (" + millis + " ms)");
        }
        return ExitCode.OK.code();
    }
}
