package dev.chatharness.conformance;

/** A target profile that cannot be used; the message names the bad key and value (CLI exit code 2). */
public final class ProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
