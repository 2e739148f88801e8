package dev.chatharness.server.presence;

import java.time.Instant;
import java.util.Set;

/** The contract's Presence object; {@code statusText} is null when not given. */
public record Presence(String userId, String status, String statusText, Instant at) {
    public static final Set<String> STATUSES = Set.of("online", "away", "busy");
}
