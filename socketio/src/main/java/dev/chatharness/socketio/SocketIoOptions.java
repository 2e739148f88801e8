package dev.chatharness.socketio;

import dev.chatharness.socketio.engine.EngineOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link SocketIoServer}, validated once by {@link Builder#build()}.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.builder()
 *     .pingInterval(Duration.ofSeconds(25))
 *     .requestFilter(request -> request.header("origin").isEmpty())
 *     .build();
 * }</pre>
 */
public final class SocketIoOptions {
    private final String path;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final int maxPayload;
    private final Duration connectTimeout;
    private final Duration upgradeTimeout;
    private final boolean perMessageDeflate;
    private final RequestFilter requestFilter;
    private final int maxQueuedPackets;

    private SocketIoOptions(Builder b) {
        this.path = b.path;
        this.pingInterval = b.pingInterval;
        this.pingTimeout = b.pingTimeout;
        this.maxPayload = b.maxPayload;
        this.connectTimeout = b.connectTimeout;
        this.upgradeTimeout = b.upgradeTimeout;
        this.perMessageDeflate = b.perMessageDeflate;
        this.requestFilter = b.requestFilter;
        this.maxQueuedPackets = b.maxQueuedPackets;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mount path, with leading and trailing slash, e.g. {@code /socket.io/}. */
    public String path() { return path; }
    public Duration pingInterval() { return pingInterval; }
    public Duration pingTimeout() { return pingTimeout; }
    /** Largest Engine.IO packet (and polling payload, and WebSocket message) accepted, in bytes. */
    public int maxPayload() { return maxPayload; }
    /** How long a new Engine.IO session may stay without any Socket.IO CONNECT before it is closed. */
    public Duration connectTimeout() { return connectTimeout; }
    public Duration upgradeTimeout() { return upgradeTimeout; }
    public boolean perMessageDeflate() { return perMessageDeflate; }
    public RequestFilter requestFilter() { return requestFilter; }
    /** Packets a session may have waiting to be written; past it the session is closed as too slow. */
    public int maxQueuedPackets() { return maxQueuedPackets; }

    @Override
    public String toString() {
        return "SocketIoOptions[path=" + path + ", pingInterval=" + pingInterval + ", pingTimeout=" + pingTimeout
                + ", maxPayload=" + maxPayload + ", connectTimeout=" + connectTimeout + ", upgradeTimeout="
                + upgradeTimeout + ", perMessageDeflate=" + perMessageDeflate + ", maxQueuedPackets=" + maxQueuedPackets + "]";
    }

    public static final class Builder {
        private String path = "/socket.io/";
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private int maxPayload = 1_000_000;
        private Duration connectTimeout = Duration.ofSeconds(45);
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private boolean perMessageDeflate = false;
        private RequestFilter requestFilter = RequestFilter.ALLOW_ALL;
        private int maxQueuedPackets = EngineOptions.DEFAULT_MAX_QUEUED_PACKETS;

        private Builder() {
        }

        public Builder path(String path) { this.path = path; return this; }
        public Builder pingInterval(Duration d) { this.pingInterval = d; return this; }
        public Builder pingTimeout(Duration d) { this.pingTimeout = d; return this; }
        public Builder maxPayload(int bytes) { this.maxPayload = bytes; return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }
        public Builder upgradeTimeout(Duration d) { this.upgradeTimeout = d; return this; }
        public Builder perMessageDeflate(boolean enabled) { this.perMessageDeflate = enabled; return this; }
        public Builder requestFilter(RequestFilter filter) { this.requestFilter = filter; return this; }
        public Builder maxQueuedPackets(int packets) { this.maxQueuedPackets = packets; return this; }

        /** @throws IllegalArgumentException naming the first bad value */
        public SocketIoOptions build() {
            if (path == null || !path.startsWith("/") || !path.endsWith("/") || path.length() < 3) {
                throw new IllegalArgumentException("path must start and end with '/' and name a folder, got: " + path);
            }
            positive("pingInterval", pingInterval);
            positive("pingTimeout", pingTimeout);
            positive("connectTimeout", connectTimeout);
            positive("upgradeTimeout", upgradeTimeout);
            if (maxPayload < 1024) {
                throw new IllegalArgumentException("maxPayload must be at least 1024 bytes, got: " + maxPayload);
            }
            Objects.requireNonNull(requestFilter, "requestFilter must not be null");
            if (maxQueuedPackets < 1) {
                throw new IllegalArgumentException("maxQueuedPackets must be at least 1, got: " + maxQueuedPackets);
            }
            return new SocketIoOptions(this);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero() || value.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, got: " + value);
            }
        }
    }
}
