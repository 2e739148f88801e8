package dev.chatharness.cli.load;

import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.load.LoadResult;

/** The verdict of a load run in the form the user asked for. */
final class LoadOutput {
    private LoadOutput() {
    }

    static void print(LoadResult result, OutputOptions output) {
        if (output.json()) {
            output.printJson(result.summary() != null ? result.summary() : java.util.Map.of(
                    "exitCode", result.exitCode(), "message", result.message()));
            return;
        }
        if (output.quiet()) {
            System.out.println((result.passed() ? "PASSED" : "FAILED") + ": " + result.message());
        }
        if (result.exitCode() == LoadResult.TARGET_UNREACHABLE) {
            System.err.println("error: " + result.message());
        }
        System.out.println("report: " + result.reportDir().toAbsolutePath());
    }
}
