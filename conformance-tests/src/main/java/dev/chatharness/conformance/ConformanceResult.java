package dev.chatharness.conformance;

import dev.chatharness.common.exit.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a conformance run; {@link #exitCode()} is what the CLI exits with.
 *
 * @param status   overall verdict
 * @param message  for UNREACHABLE and BAD_PROFILE, what is wrong and what to fix; a summary otherwise
 * @param tests    every test's outcome, in execution order (empty if the suite did not run)
 * @param duration wall time of the run, pre-check included
 * @param report   the Markdown report, when one was written
 * @param crash    the target stopped answering during the run: what the suite had just sent (the run then FAILED)
 */
public record ConformanceResult(Status status, String message, List<TestOutcome> tests, Duration duration,
                                Optional<Path> report, Optional<TargetCrash> crash) {

    public enum Status {
        /** Every selected test passed (skips allowed: they are reported with their reasons). */
        PASSED(ExitCode.OK),
        /** At least one test failed, or the target stopped answering during the run. */
        FAILED(ExitCode.CHECKS_FAILED),
        /** The profile or the arguments are unusable. */
        BAD_PROFILE(ExitCode.USAGE),
        /** The target did not answer, or refused the suite's valid token (wrong secret, wrong URL, nothing listening). */
        UNREACHABLE(ExitCode.TARGET_UNREACHABLE);

        private final ExitCode exitCode;

        Status(ExitCode exitCode) {
            this.exitCode = exitCode;
        }

        public ExitCode exitCode() {
            return exitCode;
        }
    }

    public ConformanceResult {
        tests = List.copyOf(tests);
    }

    /** The process exit code of this outcome (see {@link ExitCode}): 0 all passed, 1 some failed, 2 bad profile, 3 unreachable. */
    public int exitCode() {
        return status.exitCode().code();
    }

    public static ConformanceResult badProfile(String message) {
        return new ConformanceResult(Status.BAD_PROFILE, message, List.of(), Duration.ZERO, Optional.empty(),
                Optional.empty());
    }

    public long passed() {
        return count(TestOutcome.Status.PASSED);
    }

    public long failed() {
        return count(TestOutcome.Status.FAILED);
    }

    public long skipped() {
        return count(TestOutcome.Status.SKIPPED);
    }

    /** Tests that never ran because the target had stopped answering. */
    public long notRun() {
        return count(TestOutcome.Status.NOT_RUN);
    }

    public List<TestOutcome> failures() {
        return tests.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).toList();
    }

    /** Per group: first those of {@link ConformanceTags#ALL} that ran, in that order, then any other. */
    public Map<String, GroupSummary> groups() {
        Map<String, GroupSummary> groups = new LinkedHashMap<>();
        java.util.stream.Stream.concat(ConformanceTags.ALL.stream(), tests.stream().map(TestOutcome::group))
                .distinct()
                .filter(group -> tests.stream().anyMatch(t -> t.group().equals(group)))
                .forEach(group -> groups.put(group, summarize(group)));
        return groups;
    }

    private GroupSummary summarize(String group) {
        List<TestOutcome> of = tests.stream().filter(t -> t.group().equals(group)).toList();
        return new GroupSummary(group,
                (int) of.stream().filter(t -> t.status() == TestOutcome.Status.PASSED).count(),
                (int) of.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).count(),
                (int) of.stream().filter(t -> t.status() == TestOutcome.Status.SKIPPED).count(),
                (int) of.stream().filter(t -> t.status() == TestOutcome.Status.NOT_RUN).count());
    }

    private long count(TestOutcome.Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }
}
