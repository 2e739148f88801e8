package dev.chatharness.cli.common;

/** The target did not answer, or refused our credentials before any check ran: exit code 3. */
public final class TargetUnreachableException extends RuntimeException {
    public TargetUnreachableException(String message) {
        super(message);
    }
}
