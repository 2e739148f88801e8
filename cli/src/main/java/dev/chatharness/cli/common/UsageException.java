package dev.chatharness.cli.common;

/** A mistake in what the user typed or configured: reported in one line, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
