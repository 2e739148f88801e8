package dev.chatharness.common.exit;

/**
 * Every exit code chat-harness returns, with what it means: the one place the numbers are written. CI gates on
 * them, so they are stable; the command line's {@code --help} and the README's table are made from, or checked
 * against, this list. The runners' results ({@code ConformanceResult.Status}, {@code LoadResult.Status}) name one
 * of these rather than a number of their own.
 */
public enum ExitCode {
    /** Everything ran and every check passed. */
    OK(0, "everything passed"),
    /** The run completed but some check failed. */
    CHECKS_FAILED(1, "checks failed: a conformance test, a load threshold (--max-p99, --max-lost) or regression "
            + "(load compare), or a fault check found"),
    /** What the user typed or configured is unusable. */
    USAGE(2, "usage error: unknown flag, bad value, unreadable or invalid profile"),
    /** The target did not answer, or refused the run's valid credentials before any check ran. */
    TARGET_UNREACHABLE(3, "target unreachable, or it refused our token (wrong secret, expired pre-issued token)"),
    /** A bug in chat-harness itself; sysexits.h calls it EX_SOFTWARE. */
    SOFTWARE(70, "internal error: a bug in chat-harness (CHAT_HARNESS_DEBUG=1 shows the stack trace)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** One line for a person, as {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }
}
