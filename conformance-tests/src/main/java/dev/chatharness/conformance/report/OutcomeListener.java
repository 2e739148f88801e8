package dev.chatharness.conformance.report;

import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.TargetCrash;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.conformance.harness.TargetCrashedError;
import dev.chatharness.conformance.harness.TargetStoppedException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit events into {@link TestOutcome}s and prints one line per test as it finishes:
 * {@code PASS/FAIL/SKIP [group] clause}; a failure's line ends with what was seen. A crash of the target is announced
 * once ({@code CRASH: target stopped answering after ...}); the tests it kept from running are counted, not listed.
 */
public final class OutcomeListener implements TestExecutionListener {

    private static final int MAX_DETAIL = 400;

    private final PrintStream progress;
    private final List<TestOutcome> outcomes = new ArrayList<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private TestPlan plan;
    private TargetCrash crash;

    public OutcomeListener(PrintStream progress) {
        this.progress = progress;
    }

    public synchronized List<TestOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The target's crash, if a test saw it stop answering. */
    public synchronized Optional<TargetCrash> crash() {
        return Optional.ofNullable(crash);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            record(id, TestOutcome.Status.SKIPPED, oneLine(reason));
        } else if (plan != null) {
            // A skipped class skips all its tests; report each, so no test vanishes from the counts.
            plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> record(test, TestOutcome.Status.SKIPPED, oneLine(reason)));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean failedContainer = !id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                && id.getSource().isPresent();
        if (!id.isTest() && !failedContainer) {
            return;
        }
        Throwable thrown = result.getThrowable().orElse(null);
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(id, TestOutcome.Status.PASSED, "");
            case ABORTED -> record(id, thrown instanceof TargetStoppedException ? TestOutcome.Status.NOT_RUN
                    : TestOutcome.Status.SKIPPED, oneLine(thrown == null ? "aborted" : String.valueOf(thrown.getMessage())));
            case FAILED -> {
                noteCrash(thrown);
                record(id, TestOutcome.Status.FAILED, describe(thrown));
            }
        }
    }

    /** The first crash is announced once, before the failure that revealed it. */
    private synchronized void noteCrash(Throwable thrown) {
        for (Throwable t = thrown; t != null && crash == null; t = t.getCause()) {
            if (t instanceof TargetCrashedError crashed) {
                crash = crashed.crash();
                progress.println("CRASH: " + crash.summary());
                progress.flush();
            }
        }
    }

    private synchronized void record(TestIdentifier id, TestOutcome.Status status, String detail) {
        Long start = started.remove(id.getUniqueId());
        Duration duration = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        TestOutcome outcome = new TestOutcome(group(id), clause(id), testId(id), status, detail, duration);
        outcomes.add(outcome);
        if (status != TestOutcome.Status.NOT_RUN) {
            // Tests that did not run are counted once in the summary, not announced one by one.
            progress.println(outcome.line());
            progress.flush();
        }
    }

    /** The first known group among the tags of the test or, for dynamic and parameterized tests, its ancestors. */
    private String group(TestIdentifier id) {
        List<String> tags = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent() && tags.isEmpty();
                at = plan == null ? Optional.empty() : plan.getParent(at.get())) {
            at.get().getTags().stream().map(TestTag::getName).forEach(tags::add);
        }
        return ConformanceTags.ALL.stream().filter(tags::contains).findFirst()
                .orElse(tags.isEmpty() ? "untagged" : tags.get(0));
    }

    /**
     * The clause; a dynamic test (one corpus file, say) or a parameterized case is named after its factory's or
     * method's clause, then its own name.
     */
    private String clause(TestIdentifier id) {
        String unique = id.getUniqueId();
        if (plan != null && (unique.contains("[dynamic-test:") || unique.contains("[test-template-invocation:"))) {
            return plan.getParent(id).map(parent -> parent.getDisplayName() + ": ").orElse("") + id.getDisplayName();
        }
        return id.getDisplayName();
    }

    private static String testId(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "#" + m.getMethodName())
                .orElse(id.getLegacyReportingName());
    }

    /** One line: the assertion's message with newlines folded, cut to a readable length. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "failed without an exception";
        }
        String message = failure.getMessage();
        String text = failure instanceof AssertionError ? message : failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message);
        return oneLine(text == null ? failure.getClass().getSimpleName() : text);
    }

    static String oneLine(String text) {
        String line = text.replaceAll("\\s*\\R\\s*", " ").trim();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
