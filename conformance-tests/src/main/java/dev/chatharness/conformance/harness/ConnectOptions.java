package dev.chatharness.conformance.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one test socket connects. Defaults: the token in the handshake auth payload, WebSocket only
 * (fast; the transport tests ask for polling and the upgrade explicitly), no Origin header.
 */
public final class ConnectOptions {

    /** Where the token travels on the handshake. */
    public enum TokenPlacement { AUTH_PAYLOAD, AUTHORIZATION_HEADER, QUERY_STRING, NONE }

    String token;
    TokenPlacement placement = TokenPlacement.AUTH_PAYLOAD;
    List<String> transports = List.of("websocket");
    boolean upgrade = true;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final Map<String, String> authExtras = new LinkedHashMap<>();
    String label;

    private ConnectOptions(String token, String label) {
        this.token = token;
        this.label = label;
    }

    /** How failure messages name the socket. */
    public String label() {
        return label;
    }

    public static ConnectOptions as(User user) {
        return new ConnectOptions(user.token(), user.toString());
    }

    /** A raw token, e.g. a forged one; {@code label} names the socket in failure messages. */
    public static ConnectOptions withToken(String token, String label) {
        return new ConnectOptions(token, label);
    }

    public ConnectOptions tokenIn(TokenPlacement placement) {
        this.placement = placement;
        return this;
    }

    /** Transports in the order the client tries them, e.g. {@code "polling", "websocket"}. */
    public ConnectOptions transports(String... transports) {
        this.transports = List.of(transports);
        return this;
    }

    public ConnectOptions upgrade(boolean upgrade) {
        this.upgrade = upgrade;
        return this;
    }

    public ConnectOptions origin(String origin) {
        headers.put("Origin", List.of(origin));
        return this;
    }

    public ConnectOptions header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    /** Another field of the handshake auth payload beside {@code token}, e.g. a {@code tenant_id} the server must ignore. */
    public ConnectOptions authField(String name, String value) {
        authExtras.put(name, value);
        return this;
    }
}
