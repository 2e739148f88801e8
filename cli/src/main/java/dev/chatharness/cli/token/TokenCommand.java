package dev.chatharness.cli.token;

import dev.chatharness.cli.common.DurationConverter;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.common.token.TokenMinter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints an HS256 JWT the reference server (or any target sharing the secret) accepts. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        header = "Mint an HS256 token for a tenant and a user.",
        description = "Mint an HS256 JWT with the claims sub, tenant_id, iat and exp, and print it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness token --secret dev-secret --tenant acme --user alice",
            "  TOKEN=$(chat-harness token --secret s --tenant acme --user bob --ttl 15m)"})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--secret", "--jwt-secret"}, required = true, paramLabel = "SECRET",
            description = "HS256 shared secret (--jwt-secret, as every other command calls it, works too).")
    String secret;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant_id claim.")
    String tenant;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "The sub claim (user id).")
    String user;

    @Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the token is valid: 30s, 15m, 1h, 2d or ISO-8601 such as PT15M (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        if (ttl.isZero()) {
            throw new UsageException("--ttl must be positive, got " + ttl);
        }
        String jwt;
        try {
            jwt = new TokenMinter(secret).token(tenant, user, ttl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        spec.commandLine().getOut().println(jwt);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
