package dev.chatharness.socketio.engine;

/**
 * The HTTP errors of the reference engine.io server, same codes and messages, so clients and test suites that read
 * them see what they expect. Answered as {@code {"code":N,"message":"..."}}.
 */
enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    PAYLOAD_TOO_LARGE(3, "Bad request", 413);

    final int code;
    final String message;
    final int status;

    EngineError(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
