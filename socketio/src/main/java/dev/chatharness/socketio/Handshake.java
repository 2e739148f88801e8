package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a socket connected with: the Engine.IO handshake request (headers with lower-case names, query, peer address,
 * URL, time) and the Socket.IO CONNECT auth payload ({@code NullNode} when the client sent none).
 */
public record Handshake(Map<String, List<String>> headers, Map<String, String> query, String remoteAddress,
                        JsonNode auth, Instant issued, String url) {

    /** First value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
