package dev.chatharness.cli;

/**
 * The exit codes every command returns, stable so CI can gate on them.
 * Documented in {@code --help} and the README.
 */
public final class ExitCodes {
    /** Everything ran and every check passed. */
    public static final int OK = 0;
    /** The run completed but some check failed (a test, a threshold). */
    public static final int CHECKS_FAILED = 1;
    /** Bad arguments, an unreadable or invalid profile. */
    public static final int USAGE = 2;
    /** The target could not be reached, or the authentication setup failed. */
    public static final int TARGET_UNREACHABLE = 3;

    private ExitCodes() {
    }
}
