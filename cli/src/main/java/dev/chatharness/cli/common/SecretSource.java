package dev.chatharness.cli.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the HS256 secret comes from. The flag is there for quick local use; CI should prefer the
 * file or the environment variable so the secret never lands in a shared log or shell history.
 */
public final class SecretSource {
    public static final String ENV = "CHAT_HARNESS_JWT_SECRET";

    @Option(names = "--jwt-secret", paramLabel = "SECRET",
            description = "HS256 shared secret. Prefer --jwt-secret-file or $" + ENV + " in CI logs.")
    String secret;

    @Option(names = "--jwt-secret-file", paramLabel = "FILE",
            description = "Read the HS256 secret from this file (surrounding whitespace is trimmed).")
    Path secretFile;

    /** The secret from the flag, the file or the environment, in that order; empty when none was given. */
    public Optional<String> resolve() {
        if (secret != null) {
            return Optional.of(secret);
        }
        if (secretFile != null) {
            try {
                String text = Files.readString(secretFile, StandardCharsets.UTF_8).trim();
                if (text.isEmpty()) {
                    throw new UsageException("secret file " + secretFile + " is empty");
                }
                return Optional.of(text);
            } catch (IOException e) {
                throw new UsageException("cannot read secret file " + secretFile + ": " + e.getMessage());
            }
        }
        return Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank());
    }
}
