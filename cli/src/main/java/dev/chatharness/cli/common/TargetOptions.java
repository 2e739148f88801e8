package dev.chatharness.cli.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which target to talk to and how to get tokens for it: shared by conformance, load and check. */
public final class TargetOptions {

    @Option(names = "--target", paramLabel = "URL",
            description = "Base URL of the target, e.g. http://127.0.0.1:8080 (or 'target' in the profile).")
    String target;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Target profile (YAML or properties): URL, token source, declared limits, unsupported features. "
                    + "Values may be written as $${ENV_VAR}. Flags override it.")
    Path profile;

    @ArgGroup(exclusive = false)
    SecretSource secret = new SecretSource();

    @Option(names = "--jwt-issuer", paramLabel = "ISS",
            description = "iss claim of minted tokens, for a target that checks it (or $CHAT_JWT_ISSUER, or jwtIssuer "
                    + "in the profile).")
    String jwtIssuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD",
            description = "aud claim of minted tokens, for a target that checks it (or $CHAT_JWT_AUDIENCE, or "
                    + "jwtAudience in the profile).")
    String jwtAudience;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "Pre-issued tokens, for targets whose secret is not shared (conformance and check: YAML with two "
                    + "tenants of three users; load: one JWT a line). Expired tokens are reported before the run (exit 3).")
    Path tokens;

    /** The --target value checked to be an http(s) URL, or null when not given. */
    public URI targetUrl() {
        if (target == null) {
            return null;
        }
        try {
            URI uri = new URI(target.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--target must be an http:// or https:// URL with a host, got '" + target + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--target is not a valid URL: '" + target + "' (" + e.getReason() + ")");
        }
    }

    /** The profile file, checked to be readable, or null. */
    public Path profileFile() {
        if (profile != null && !Files.isReadable(profile)) {
            throw new UsageException("cannot read profile '" + profile + "'");
        }
        return profile;
    }

    public java.util.Optional<String> jwtSecret() {
        return secret.resolve();
    }

    /** The --jwt-issuer value, or empty (the environment and the profile are read where the profile is resolved). */
    public java.util.Optional<String> jwtIssuer() {
        return java.util.Optional.ofNullable(jwtIssuer).filter(s -> !s.isBlank());
    }

    /** The --jwt-audience value, or empty. */
    public java.util.Optional<String> jwtAudience() {
        return java.util.Optional.ofNullable(jwtAudience).filter(s -> !s.isBlank());
    }

    /** The tokens file, checked to be readable, or null. */
    public Path tokensFile() {
        if (tokens != null && !Files.isReadable(tokens)) {
            throw new UsageException("cannot read tokens file '" + tokens + "'");
        }
        return tokens;
    }
}
