package dev.chatharness.conformance;

import java.time.Duration;

/**
 * One conformance test's result.
 *
 * @param group    the test's group (its tag), e.g. {@code isolation}
 * @param clause   the contract clause it checks (its display name, e.g. "§3 Joining ... requires ...")
 * @param testId   class and method, for finding the code
 * @param status   passed, failed, skipped, or not run because the target had stopped answering
 * @param detail   for a failure, one line saying what was seen; for a skip or a test not run, the reason; empty otherwise
 * @param duration how long it took
 */
public record TestOutcome(String group, String clause, String testId, Status status, String detail, Duration duration) {

    public enum Status {
        PASSED, FAILED, SKIPPED,
        /** The target had stopped answering before this test began: no verdict on its clause. */
        NOT_RUN
    }

    /** The line the progress output and the CLI print, e.g. {@code FAIL [auth] §2 ... -- expected ...}. */
    public String line() {
        String label = switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
            case NOT_RUN -> "NOT RUN";
        };
        String base = label + " [" + group + "] " + clause;
        return switch (status) {
            case PASSED -> base + " (" + duration.toMillis() + " ms)";
            case FAILED -> base + " -- " + detail;
            case SKIPPED -> base + " -- skipped: " + detail;
            case NOT_RUN -> base + " -- " + detail;
        };
    }
}
