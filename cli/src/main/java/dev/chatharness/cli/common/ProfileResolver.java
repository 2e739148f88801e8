package dev.chatharness.cli.common;

import dev.chatharness.conformance.ProfileException;
import dev.chatharness.conformance.TargetProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the CLI's target and connection flags into a {@link TargetProfile}: profile file, then environment, then
 * flags.
 */
public final class ProfileResolver {
    private ProfileResolver() {
    }

    public static TargetProfile resolve(TargetOptions options, ConnectionOptions connection) {
        return resolve(options, connection, Map.of());
    }

    /** As above, with more profile keys from a command's own flags (e.g. {@code allowedOrigin}). */
    public static TargetProfile resolve(TargetOptions options, ConnectionOptions connection, Map<String, String> more) {
        Map<String, String> overrides = new LinkedHashMap<>(connection.profileOverrides());
        overrides.putAll(more);
        URI target = options.targetUrl();
        if (target != null) {
            overrides.put("target", target.toString());
        }
        Path tokens = options.tokensFile();
        if (tokens != null) {
            overrides.put("tokensFile", tokens.toString());
        } else {
            options.jwtSecret().ifPresent(secret -> overrides.put("jwtSecret", secret));
        }
        options.jwtIssuer().ifPresent(iss -> overrides.put("jwtIssuer", iss));
        options.jwtAudience().ifPresent(aud -> overrides.put("jwtAudience", aud));
        TargetProfile profile;
        try {
            profile = TargetProfile.resolve(Optional.ofNullable(options.profileFile()), System.getenv(),
                    System.getProperties(), overrides);
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
        // From the flag or from the profile file: either way, an expired token fails here, not in 60 tests.
        profile.tokensFile().ifPresent(file -> PreIssuedTokens.requireUsable(file, Instant.now()));
        return profile;
    }
}
