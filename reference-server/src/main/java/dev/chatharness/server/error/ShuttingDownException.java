package dev.chatharness.server.error;

/**
 * The server is shutting down and did not start this event or request: nothing of it was done. Over a socket it
 * is answered {@code internal} "server shutting down"; over REST 503 with {@code Retry-After}, so the client
 * knows to retry elsewhere or later (it was not stored).
 */
public final class ShuttingDownException extends ChatException {
    public ShuttingDownException() {
        super(ErrorCode.INTERNAL, "server shutting down");
    }
}
