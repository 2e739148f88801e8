package dev.chatharness.server.auth;

/**
 * The token of an {@code Authorization: Bearer <jwt>} value, for REST requests and Socket.IO handshakes alike.
 * The scheme is case-insensitive (RFC 7235); anything that is not a Bearer value yields no token, so the caller
 * answers {@code token_missing}.
 */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token, or null when {@code authorization} is absent or not a Bearer value. */
    public static String from(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return value.substring(SCHEME.length()).trim();
    }
}
