package dev.chatharness.conformance.suite;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * The target's own clock, read from the times it stamps (milliseconds, by §7.2): what a check about {@code exp} must
 * go by, since the suite's clock and a staging server's may differ by more than the bound being checked.
 */
final class ServerClock {
    private ServerClock() {
    }

    /**
     * The target's time, read when it is in the first half of a second: presence updates (unlimited) are asked until one
     * is stamped so, or, when presence is declared unsupported, messages to {@code conversation} at the declared refill
     * rate.
     */
    static Instant earlyInASecond(Target target, ChatSocket socket, String conversation) {
        boolean presence = !target.profile().unsupported().contains(Feature.PRESENCE);
        if (!presence) {
            Scene.join(socket, conversation);
        }
        Instant[] seen = new Instant[1];
        Duration interval = presence ? Duration.ofMillis(20)
                : Duration.ofMillis((long) Math.ceil(1000 / target.profile().messageRate().refillPerSecond()));
        await("a time stamped by the target in the first half of a second").atMost(target.profile().eventTimeout())
                .pollInterval(interval).until(() -> {
                    JsonNode stamped = presence
                            ? socket.ok("presence-update", Json.object("status", "online")).path("at")
                            : socket.ok("message", Json.object("conversationId", conversation, "body", "what time is it"))
                            .path("createdAt");
                    seen[0] = Instant.parse(stamped.asText());
                    return seen[0].getNano() < 500_000_000;
                });
        return seen[0];
    }
}
