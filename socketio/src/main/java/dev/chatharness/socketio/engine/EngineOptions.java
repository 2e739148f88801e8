package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.RequestFilter;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one Engine.IO endpoint. Built (and validated) by the Socket.IO options, or directly for an Engine.IO-only
 * endpoint such as the protocol-echo server's {@code /engine.io/}.
 */
public record EngineOptions(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
                            Duration upgradeTimeout, boolean perMessageDeflate, RequestFilter requestFilter) {
    public EngineOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
        Objects.requireNonNull(requestFilter, "requestFilter");
        if (maxPayload <= 0) {
            throw new IllegalArgumentException("maxPayload must be positive, got: " + maxPayload);
        }
    }
}
