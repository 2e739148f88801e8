package dev.chatharness.server.realtime;

import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.HandshakeRequest;
import dev.chatharness.socketio.RequestFilter;

import java.util.List;
import java.util.Set;

/**
 * Cross-site WebSocket hijacking defence: a handshake with an {@code Origin} header must name an allowed origin;
 * one without (native clients, curl) is allowed. An empty allow-list refuses every handshake that has an Origin.
 */
final class OriginPolicy implements RequestFilter {
    private final Set<String> allowed;
    private final Faults faults;

    OriginPolicy(List<String> allowedOrigins, Faults faults) {
        this.allowed = Set.copyOf(allowedOrigins);
        this.faults = faults;
    }

    @Override
    public boolean allow(HandshakeRequest request) {
        String transport = request.query().getOrDefault("transport", "");
        if (faults.on(Fault.WEBSOCKET_TRANSPORT_OFF) && "websocket".equals(transport)
                || faults.on(Fault.POLLING_TRANSPORT_OFF) && "polling".equals(transport)) {
            return false; // the defect: one transport switched off, "for now"
        }
        if (faults.on(Fault.ORIGIN_NOT_CHECKED)) {
            return true; // the defect
        }
        return request.header("origin").map(allowed::contains).orElse(true);
    }
}
