package dev.chatharness.load.setup;

/** The target did not answer, or refused the run's authentication setup: the CLI maps this to exit code 3. */
public final class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
