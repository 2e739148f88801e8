package dev.chatharness.socketio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an Engine.IO handshake request carried, as seen by a {@link RequestFilter}: the HTTP polling GET that opens a
 * session, or the WebSocket upgrade request that opens one directly.
 *
 * @param headers       header values keyed by lower-case name
 * @param query         query parameters (first value of each)
 * @param remoteAddress the peer's IP address
 */
public record HandshakeRequest(Map<String, List<String>> headers, Map<String, String> query, String remoteAddress) {

    public HandshakeRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    /** First value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
