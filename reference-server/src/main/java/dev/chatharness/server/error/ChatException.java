package dev.chatharness.server.error;

/**
 * A failure the contract names. Services throw one subclass per kind; REST ({@code rest.RestErrors}) and socket
 * acks ({@code realtime.SocketErrors}) each map it to the wire in one place. Anything else is {@code internal}.
 */
public abstract sealed class ChatException extends RuntimeException
        permits InvalidPayloadException, NotFoundException, ForbiddenException, RateLimitedException,
        AuthenticationException, UnavailableException {

    private final ErrorCode code;

    ChatException(ErrorCode code, String message) {
        super(message, null, false, false); // expected outcomes: no stack trace to fill or leak
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
