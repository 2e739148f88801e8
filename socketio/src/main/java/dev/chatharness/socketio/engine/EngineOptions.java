package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.RequestFilter;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one Engine.IO endpoint. Built (and validated) by the Socket.IO options, or directly for an Engine.IO-only
 * endpoint such as the protocol-echo server's {@code /engine.io/}.
 */
public record EngineOptions(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
                            Duration upgradeTimeout, boolean perMessageDeflate, RequestFilter requestFilter,
                            int maxQueuedPackets) {
    /**
     * Packets one session may have waiting to be written before it is closed as too slow. A peer that stops
     * reading (or a long-poller that stops polling) must cost bounded memory, not grow until the heartbeat or
     * TCP gives up; 10,000 packets is about ten seconds of a very busy room.
     */
    public static final int DEFAULT_MAX_QUEUED_PACKETS = 10_000;

    /** With the default send-queue bound. */
    public EngineOptions(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
                         Duration upgradeTimeout, boolean perMessageDeflate, RequestFilter requestFilter) {
        this(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, perMessageDeflate, requestFilter,
                DEFAULT_MAX_QUEUED_PACKETS);
    }

    public EngineOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
        Objects.requireNonNull(requestFilter, "requestFilter");
        if (maxPayload <= 0) {
            throw new IllegalArgumentException("maxPayload must be positive, got: " + maxPayload);
        }
        if (maxQueuedPackets <= 0) {
            throw new IllegalArgumentException("maxQueuedPackets must be positive, got: " + maxQueuedPackets);
        }
    }
}
