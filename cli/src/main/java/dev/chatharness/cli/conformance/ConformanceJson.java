package dev.chatharness.cli.conformance;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.GroupSummary;
import dev.chatharness.conformance.TestOutcome;
import java.nio.file.Path;
import java.util.List;

/** The machine-readable form of a conformance run, for {@code --json}. */
record ConformanceJson(String status, int exitCode, String message, Crash crash, long passed, long failed,
                       long skipped, long notRun, double seconds, List<GroupSummary> groups, List<Failure> failures,
                       String reportDir, String report) {

    /** The target stopped answering: what the suite had just sent, and what to do about it. */
    record Crash(String summary, String trigger, String input, String mitigation) {
    }

    record Failure(String group, String clause, String test, String detail) {
    }

    static ConformanceJson of(ConformanceResult result, Path reportDir) {
        Crash crash = result.crash().map(c -> new Crash(c.summary(), c.trigger(), c.input().orElse(null), c.mitigation()))
                .orElse(null);
        return new ConformanceJson(result.status().name(), result.exitCode(), result.message(), crash, result.passed(),
                result.failed(), result.skipped(), result.notRun(), result.duration().toMillis() / 1000.0,
                List.copyOf(result.groups().values()),
                result.failures().stream().map(ConformanceJson::failure).toList(),
                reportDir.toAbsolutePath().toString(),
                result.report().map(p -> p.toAbsolutePath().toString()).orElse(null));
    }

    private static Failure failure(TestOutcome t) {
        return new Failure(t.group(), t.clause(), t.testId(), t.detail());
    }
}
