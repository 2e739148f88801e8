package dev.chatharness.cli.load;

import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.load.LoadResult;
import java.util.Map;

/** The verdict of a load run in the form the user asked for. */
final class LoadOutput {
    private LoadOutput() {
    }

    static void print(LoadResult result, OutputOptions output) {
        output.progress().flush();
        if (output.json()) {
            output.printJson(result.summary() != null ? result.summary() : Map.of(
                    "exitCode", result.exitCode(), "message", result.message()));
            return;
        }
        if (output.quiet()) {
            output.out().println((result.passed() ? "PASSED" : "FAILED") + ": " + result.message());
        }
        if (result.status() == LoadResult.Status.UNREACHABLE) {
            output.err().println("error: " + result.message());
        }
        output.out().println("report: " + result.reportDir().toAbsolutePath());
        output.out().flush();
    }
}
