package dev.chatharness.load;

import dev.chatharness.load.report.FanOutSummary;
import java.nio.file.Path;

/**
 * The outcome of a run (or a merge).
 *
 * @param summary what was measured; null when the run could not start
 * @param exitCode 0 passed, 1 a threshold broken (or the run failed), 3 target unreachable or authentication
 *                 setup refused: the CLI exits with it
 * @param reportDir where {@code fanout-summary.json}, the HTML page, the {@code .hlog} files and Gatling's
 *                  report are
 * @param message one line for a person
 */
public record LoadResult(FanOutSummary summary, int exitCode, Path reportDir, String message) {

    public static final int PASSED = 0;
    public static final int THRESHOLD_BROKEN = 1;
    public static final int TARGET_UNREACHABLE = 3;

    public boolean passed() {
        return exitCode == PASSED;
    }
}
