package dev.chatharness.server.error;

/** The user can see the thing but may not do this to it (e.g. edit a message of someone else). */
public final class ForbiddenException extends ChatException {
    public ForbiddenException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
