package dev.chatharness.server.error;

/** The payload is malformed, of the wrong type, or outside the contract's limits. */
public final class InvalidPayloadException extends ChatException {
    public InvalidPayloadException(String message) {
        super(ErrorCode.INVALID_PAYLOAD, message);
    }
}
