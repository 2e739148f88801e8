package dev.chatharness.server.presence;

import java.time.Instant;

/** Payload of {@code user-online} and {@code user-offline}. */
public record UserStatus(String userId, Instant at) {
}
