package dev.chatharness.conformance;

import java.util.Arrays;
import java.util.Optional;

/**
 * Parts of the contract a target may declare unsupported in its profile ({@code unsupported: [polling]}).
 * The tests that need one are skipped with the reason, never passed.
 */
public enum Feature {
    POLLING("polling", "HTTP long-polling transport"),
    UPGRADE("upgrade", "polling-to-WebSocket upgrade"),
    HEADER_AUTH("header-auth", "token in an Authorization header on the Socket.IO handshake"),
    ORIGIN_CHECK("origin-check", "refusing handshakes from Origins not on the allow-list"),
    TOKEN_EXPIRY_DISCONNECT("token-expiry-disconnect", "disconnecting live sockets whose token expired"),
    PRESENCE("presence", "presence-update, user-online and user-offline"),
    TYPING("typing", "typing events"),
    RATE_LIMIT("rate-limit", "per-user rate limits"),
    MAX_PAYLOAD("max-payload", "Engine.IO maxPayload of 1,000,000 bytes");

    private final String id;
    private final String description;

    Feature(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used in profiles. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    static Optional<Feature> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst();
    }
}
