package dev.chatharness.examples;

/**
 * Why the example stopped early, with the process exit code that says so: {@link #CHECK_FAILED} when the server
 * answered but an ack was refused or an event never came, {@link #USAGE} for bad input,
 * {@link #UNREACHABLE_OR_AUTH} when the server could not be reached or refused the tokens (the same codes as the
 * chat-harness CLI).
 */
final class ExampleFailure extends Exception {
    static final int CHECK_FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE_OR_AUTH = 3;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ExampleFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
