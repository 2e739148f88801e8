package dev.chatharness.cli.conformance;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.GroupSummary;
import dev.chatharness.conformance.TestOutcome;
import java.nio.file.Path;
import java.util.List;

/** The machine-readable form of a conformance run, for {@code --json}. */
record ConformanceJson(String status, int exitCode, String message, long passed, long failed, long skipped,
                       double seconds, List<GroupSummary> groups, List<Failure> failures, String reportDir,
                       String report) {

    record Failure(String group, String clause, String test, String detail) {
    }

    static ConformanceJson of(ConformanceResult result, Path reportDir) {
        return new ConformanceJson(result.status().name(), result.exitCode(), result.message(), result.passed(),
                result.failed(), result.skipped(), result.duration().toMillis() / 1000.0,
                List.copyOf(result.groups().values()),
                result.failures().stream().map(ConformanceJson::failure).toList(),
                reportDir.toAbsolutePath().toString(),
                result.report().map(p -> p.toAbsolutePath().toString()).orElse(null));
    }

    private static Failure failure(TestOutcome t) {
        return new Failure(t.group(), t.clause(), t.testId(), t.detail());
    }
}
