package dev.chatharness.conformance.selftest;

import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.server.ChatServer;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Profiles pointing at a reference server started in-process for the self-test. */
final class SelfTestTargets {

    static final String SECRET = "conformance-self-test-secret";

    private SelfTestTargets() {
    }

    /** Reference defaults (message 20 + 10/s, typing 10 + 5/s), independent of this JVM's env and -D. */
    static TargetProfile profile(ChatServer server) {
        return TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(), Map.of(
                "target", "http://127.0.0.1:" + server.port(),
                "jwtSecret", SECRET,
                "rateLimit.message.capacity", "20",
                "rateLimit.message.refillPerSecond", "10",
                "rateLimit.typing.capacity", "10",
                "rateLimit.typing.refillPerSecond", "5"));
    }
}
