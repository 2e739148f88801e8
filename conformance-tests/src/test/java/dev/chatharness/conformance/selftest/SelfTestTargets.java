package dev.chatharness.conformance.selftest;

import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.faults.Fault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** Profiles pointing at a reference server started in-process for the self-test. */
final class SelfTestTargets {

    static final String SECRET = "conformance-self-test-secret";
    static final String ISSUER = "https://issuer.self-test.invalid";
    static final String AUDIENCE = "chat-harness-self-test";
    /** On the server's allow-list, so the suite checks that an allowed Origin gets in too. */
    static final String ALLOWED_ORIGIN = "https://app.self-test.invalid";

    private SelfTestTargets() {
    }

    /**
     * Reference defaults (message 20 + 10/s, typing 10 + 5/s), independent of this JVM's env and -D.
     * Timeouts are generous because the build machine is shared: they cost time only when something is
     * missing, since absences are proven by sentinels, not by waiting.
     */
    static TargetProfile profile(ChatServer server) {
        return profile(Map.of("target", "http://127.0.0.1:" + server.port(), "jwtSecret", SECRET));
    }

    /**
     * Same as {@link #profile(ChatServer)}, plus the issuer and audience a server started with {@link #ISSUER}
     * and {@link #AUDIENCE} checks: the iss/aud test then runs too, and every forged token carries them, so each
     * fault is caught for its own reason and not for a missing claim.
     */
    static TargetProfile profileWithIssuer(ChatServer server) {
        return profile(Map.of("target", "http://127.0.0.1:" + server.port(), "jwtSecret", SECRET,
                "jwtIssuer", ISSUER, "jwtAudience", AUDIENCE));
    }

    /** A reference server on port 0 that checks {@link #ISSUER}, {@link #AUDIENCE} and allows {@link #ALLOWED_ORIGIN}. */
    static ChatServer start(Set<Fault> faults) {
        return ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).jwtIssuer(ISSUER).jwtAudience(AUDIENCE)
                .allowedOrigins(List.of(ALLOWED_ORIGIN)).faults(faults).build());
    }

    /** The profile for a server from {@link #start}: every check of the suite can run against it. */
    static TargetProfile profileFor(ChatServer server) {
        return profile(Map.of("target", "http://127.0.0.1:" + server.port(), "jwtSecret", SECRET,
                "jwtIssuer", ISSUER, "jwtAudience", AUDIENCE, "allowedOrigin", ALLOWED_ORIGIN));
    }

    /** The self-test's settings under {@code keys} (target and token source at least). */
    static TargetProfile profile(Map<String, String> keys) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "rateLimit.message.capacity", "20",
                "rateLimit.message.refillPerSecond", "10",
                "rateLimit.typing.capacity", "10",
                "rateLimit.typing.refillPerSecond", "5",
                "timeout.event", "10s",
                "timeout.connect", "10s"));
        all.putAll(keys);
        return TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(), all);
    }
}
