package dev.chatharness.load;

import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.load.report.FanOutSummary;
import java.nio.file.Path;

/**
 * The outcome of a run (or a merge).
 *
 * @param summary what was measured; null when the run could not start
 * @param status the verdict; {@link #exitCode()} is what the CLI exits with
 * @param reportDir where {@code fanout-summary.json}, the HTML page, the {@code .hlog} files and Gatling's
 *                  report are
 * @param message one line for a person
 */
public record LoadResult(FanOutSummary summary, Status status, Path reportDir, String message) {

    /** The verdict of a run. */
    public enum Status {
        /** Every threshold held. */
        PASSED,
        /** A threshold was broken, or the run failed once started. */
        FAILED,
        /** The target did not answer, or refused the run's authentication setup: nothing was measured. */
        UNREACHABLE;

        /** The exit code a run with this verdict ends with. */
        public ExitCode exitCode() {
            return switch (this) {
                case PASSED -> ExitCode.OK;
                case FAILED -> ExitCode.CHECKS_FAILED;
                case UNREACHABLE -> ExitCode.TARGET_UNREACHABLE;
            };
        }
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The process exit code of this outcome (see {@link ExitCode}). */
    public int exitCode() {
        return status.exitCode().code();
    }
}
