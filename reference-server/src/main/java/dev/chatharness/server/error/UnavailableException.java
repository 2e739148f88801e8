package dev.chatharness.server.error;

/**
 * The server did not start this event or request, and nothing of it was done: it is shutting down, or the
 * sender's tenant already has as much work in the server as one tenant may hold and none of it finished in time.
 * Over a socket it is answered {@code internal} with the reason; over REST 503 with {@code Retry-After}, so the
 * client knows to retry later (or elsewhere): it was not stored.
 */
public final class UnavailableException extends ChatException {
    private UnavailableException(String reason) {
        super(ErrorCode.INTERNAL, reason);
    }

    public static UnavailableException shuttingDown() {
        return new UnavailableException("server shutting down");
    }

    public static UnavailableException busy() {
        return new UnavailableException("server busy, try again");
    }
}
