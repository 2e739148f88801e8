package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetCrash;

/** Fails the test during which the target stopped answering; the report lifts its crash to the top. */
public final class TargetCrashedError extends AssertionError {

    private final transient TargetCrash crash;

    public TargetCrashedError(TargetCrash crash, Throwable seen) {
        super(crash.summary() + (seen == null ? "" : " (the test saw: " + seen.getMessage() + ")"), seen);
        this.crash = crash;
    }

    public TargetCrash crash() {
        return crash;
    }
}
