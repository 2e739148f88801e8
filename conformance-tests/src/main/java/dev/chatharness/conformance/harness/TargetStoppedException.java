package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetCrash;
import org.opentest4j.TestAbortedException;

/** A test that could not run because the target had already stopped answering: reported as not run, not failed. */
public final class TargetStoppedException extends TestAbortedException {

    public TargetStoppedException(TargetCrash crash) {
        super("not run: the " + crash.summary());
    }
}
