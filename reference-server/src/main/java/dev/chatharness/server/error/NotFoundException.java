package dev.chatharness.server.error;

/** The thing does not exist, or the user may not know that it exists (another tenant's, or not a participant). */
public final class NotFoundException extends ChatException {
    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
