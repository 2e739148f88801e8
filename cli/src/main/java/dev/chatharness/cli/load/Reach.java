package dev.chatharness.cli.load;

import dev.chatharness.cli.common.ConnectionOptions;
import dev.chatharness.cli.common.PreIssuedTokens;
import dev.chatharness.cli.common.TargetOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.conformance.TargetProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a load run goes and how it gets in: the target URL, its tokens, TLS trust, gateway headers, Socket.IO path,
 * and the per-user message rate the target declares. From the flags alone, or from a target profile
 * (the one {@code conformance} reads) with the flags overriding it, so that one profile serves both commands.
 */
record Reach(URI url, String jwtSecret, Path tokensFile, TlsTrust trust, List<HttpHeader> headers, String socketPath,
             String jwtIssuer, String jwtAudience, double userMessageRate) {
    /** What a target allows when nobody said: the contract's message bucket refills 10 tokens a second. */
    private static final double DEFAULT_USER_MESSAGE_RATE = 10;

    static Reach fromFlags(TargetOptions target, ConnectionOptions connection) {
        URI url = target.targetUrl();
        if (url == null) {
            throw new UsageException("--target URL is required (or a --profile that names the target)");
        }
        Path tokens = target.tokensFile();
        if (tokens != null) {
            PreIssuedTokens.requireUsable(tokens, Instant.now());
        }
        String secret = tokens == null ? target.jwtSecret().orElse(null) : null;
        if (tokens == null && secret == null) {
            throw new UsageException("give --jwt-secret (or --jwt-secret-file, $CHAT_HARNESS_JWT_SECRET) or --tokens FILE");
        }
        return new Reach(url, secret, tokens, connection.trust(), connection.parsedHeaders(),
                connection.socketPathOrDefault(),
                target.jwtIssuer().or(() -> environment("CHAT_JWT_ISSUER")).orElse(null),
                target.jwtAudience().or(() -> environment("CHAT_JWT_AUDIENCE")).orElse(null),
                DEFAULT_USER_MESSAGE_RATE);
    }

    /** A resolved profile (flags already applied over it, tokens already checked by {@code ProfileResolver}). */
    static Reach of(TargetProfile profile) {
        if (profile.tokensFile().isEmpty() && profile.jwtSecret().isEmpty()) {
            throw new UsageException("the profile names neither jwtSecret nor tokensFile, and no --jwt-secret or "
                    + "--tokens was given: a load run needs one of them");
        }
        return new Reach(profile.target(), profile.tokensFile().isPresent() ? null : profile.jwtSecret().orElse(null),
                profile.tokensFile().orElse(null), profile.tlsTrust(), profile.headers(), profile.socketPath(),
                profile.jwtIssuer().orElse(null), profile.jwtAudience().orElse(null),
                profile.messageRate().refillPerSecond());
    }

    /** The conformance profile's variables name the issuer and audience for load runs too. */
    private static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
