package dev.chatharness.common.exit;

/**
 * The target did not answer, or refused our credentials before any check ran: the run reports
 * {@link ExitCode#TARGET_UNREACHABLE} rather than failed checks, because nothing about the target was measured.
 * Thrown by the load tests' setup and by the command line's pre-flight checks of pre-issued tokens.
 */
public final class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String message) {
        super(message);
    }

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
