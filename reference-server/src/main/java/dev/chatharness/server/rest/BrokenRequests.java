package dev.chatharness.server.rest;

import dev.chatharness.server.error.ErrorCode;
import org.eclipse.jetty.http.HttpException;

import java.io.EOFException;
import java.util.OptionalInt;

/**
 * Failures that Jetty raises about the request itself rather than about the server: a body that ends before its
 * declared length or a malformed chunk (Jetty's "Early EOF"), a WebSocket upgrade without {@code Sec-WebSocket-Key},
 * a request line Jetty cannot parse. They are the client's mistake, so they are answered with a 4xx, never 5xx
 * (contract section 4.6).
 */
final class BrokenRequests {
    private BrokenRequests() {
    }

    /**
     * The status to answer when {@code failure} (or one of its causes) is Jetty's complaint about the request: its
     * own 4xx status, 400 for one Jetty rates 5xx (an HTTP version it does not speak, 505) or for a body that ended
     * early. Empty for anything else: that is a server failure.
     */
    static OptionalInt status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                int code = http.getCode();
                return OptionalInt.of(code >= 400 && code < 500 ? code : 400);
            }
            if (t instanceof EOFException) {
                return OptionalInt.of(400);
            }
        }
        return OptionalInt.empty();
    }

    /** The contract's code for a status the application did not choose itself. */
    static ErrorCode code(int status) {
        return switch (status) {
            case 401 -> ErrorCode.TOKEN_MISSING;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_PAYLOAD;
        };
    }

    /** Jetty's reason without anything that names a class or a stack frame. */
    static String message(Throwable failure, int status) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getReason() != null && !http.getReason().isBlank()) {
                return "bad request: " + http.getReason();
            }
            if (t instanceof EOFException) {
                return "bad request: the body ended before its declared length";
            }
        }
        return "bad request (HTTP " + status + ")";
    }
}
