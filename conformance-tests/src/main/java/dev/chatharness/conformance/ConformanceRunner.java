package dev.chatharness.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.chatharness.conformance.clause.ClauseFilter;
import dev.chatharness.conformance.clause.ClauseIndex;
import dev.chatharness.conformance.harness.Clients;
import dev.chatharness.conformance.harness.ReachabilityProbe;
import dev.chatharness.conformance.report.MarkdownReport;
import dev.chatharness.conformance.report.OutcomeListener;
import dev.chatharness.conformance.suite.SuiteClasses;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs the conformance suite against a target through the JUnit Platform Launcher.
 *
 * <pre>{@code
 * TargetProfile profile = TargetProfile.fromEnvironment(Map.of("target", url, "jwtSecret", secret));
 * ConformanceResult result = ConformanceRunner.run(profile, Set.of(), Path.of("conformance-report"), System.out);
 * System.exit(result.exitCode()); // 0 passed, 1 failed, 2 bad profile, 3 unreachable
 * }</pre>
 *
 * First a pre-check (GET /health, then a Socket.IO handshake with a valid token) so that a wrong URL
 * or secret ends in seconds with {@link ConformanceResult.Status#UNREACHABLE} and a message saying
 * what to fix. Then the selected groups run, one progress line per test; {@code reportDir} receives
 * JUnit XML ({@code TEST-junit-jupiter.xml}, for CI) and {@code conformance-report.md}.
 */
public final class ConformanceRunner {

    /** Name of the Markdown report inside the report directory. */
    public static final String REPORT_FILE = "conformance-report.md";

    private ConformanceRunner() {
    }

    /**
     * @param tags      groups to run (see {@link ConformanceTags#ALL}); empty runs them all
     * @param reportDir where the XML and Markdown reports go (created if needed)
     * @param progress  receives one line per test and the summary
     */
    public static ConformanceResult run(TargetProfile profile, Set<String> tags, Path reportDir, PrintStream progress) {
        return run(profile, Selection.tags(tags), reportDir, progress);
    }

    /**
     * Like {@link #run(TargetProfile, Set, Path, PrintStream)}, for a selection of groups and clauses.
     */
    public static ConformanceResult run(TargetProfile profile, Selection selection, Path reportDir, PrintStream progress) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Set<String> tags = selection.tags();
        Set<String> unknown = new TreeSet<>(tags);
        unknown.removeAll(ConformanceTags.ALL);
        if (!unknown.isEmpty()) {
            return ConformanceResult.badProfile("unknown tag(s) " + unknown + "; known: " + String.join(", ", ConformanceTags.ALL));
        }
        Set<String> malformed = new TreeSet<>(selection.clauses());
        malformed.removeIf(c -> c.matches("\\d+\\.\\d+"));
        if (!malformed.isEmpty()) {
            return ConformanceResult.badProfile("clause(s) " + malformed + " are not clause numbers; write them like 3.3"
                    + " (section, dot, item, as in specs/contract.md)");
        }
        Set<String> unknownClauses = new TreeSet<>(ClauseIndex::compareIds);
        unknownClauses.addAll(selection.clauses());
        unknownClauses.removeAll(ClauseIndex.of(SuiteClasses.classes()).clauses());
        if (!unknownClauses.isEmpty()) {
            return ConformanceResult.badProfile("no test checks clause(s) " + unknownClauses
                    + " of specs/contract.md; clauses are written like 3.3 (without the section sign)");
        }
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            return ConformanceResult.badProfile("cannot create the report directory '" + reportDir + "': " + e.getMessage());
        }

        progress.println("conformance: " + profile + (selection.equals(Selection.all()) ? "" : ", " + selection));
        Optional<String> problem;
        try (Clients clients = new Clients(profile)) {
            problem = ReachabilityProbe.check(clients);
        } catch (ProfileException e) {
            return ConformanceResult.badProfile(e.getMessage());
        }
        if (problem.isPresent()) {
            progress.println("UNREACHABLE: " + problem.get());
            return new ConformanceResult(ConformanceResult.Status.UNREACHABLE, problem.get(), List.of(),
                    Duration.ofNanos(System.nanoTime() - start), Optional.empty(), Optional.empty());
        }

        OutcomeListener outcomes = new OutcomeListener(progress);
        // Not closed: it wraps the caller's stream.
        PrintWriter xmlLog = new PrintWriter(new java.io.OutputStreamWriter(progress, StandardCharsets.UTF_8), true);
        {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(SuiteClasses.ALL.stream().map(name -> (DiscoverySelector) selectClass(name)).toList())
                    .configurationParameters(profile.toProperties())
                    .configurationParameter("junit.jupiter.testclass.order.default",
                            "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
            if (!tags.isEmpty()) {
                request.filters(TagFilter.includeTags(List.copyOf(tags)));
            }
            if (!selection.clauses().isEmpty()) {
                request.filters(new ClauseFilter(selection.clauses()));
            }
            LauncherDiscoveryRequest discovery = request.build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(discovery, outcomes, new LegacyXmlReportGeneratingListener(reportDir, xmlLog));
            xmlLog.flush();
        }

        List<TestOutcome> tests = outcomes.outcomes();
        Optional<TargetCrash> crash = outcomes.crash();
        boolean failed = crash.isPresent() || tests.stream().anyMatch(t -> t.status() == TestOutcome.Status.FAILED);
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        long notRun = count(tests, TestOutcome.Status.NOT_RUN);
        String summary = crash.map(c -> c.summary() + "; ").orElse("") + tests.size() + " tests: "
                + count(tests, TestOutcome.Status.PASSED) + " passed, " + count(tests, TestOutcome.Status.FAILED)
                + " failed, " + count(tests, TestOutcome.Status.SKIPPED) + " skipped"
                + (notRun > 0 ? ", " + notRun + " not run" : "") + " in " + String.format("%.1f s", duration.toMillis() / 1000.0);
        ConformanceResult result = new ConformanceResult(failed ? ConformanceResult.Status.FAILED
                : ConformanceResult.Status.PASSED, summary, tests, duration, Optional.empty(), crash);
        Path report;
        try {
            report = MarkdownReport.write(reportDir.resolve(REPORT_FILE), profile, result, startedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + reportDir.resolve(REPORT_FILE), e);
        }
        result = new ConformanceResult(result.status(), summary, tests, duration, Optional.of(report), crash);
        printSummary(result, progress);
        return result;
    }

    private static void printSummary(ConformanceResult result, PrintStream progress) {
        progress.println();
        result.crash().ifPresent(crash -> progress.println(result.notRun() + " tests were not run: the target had"
                + " stopped answering (see CRASH above and the report's security finding)"));
        progress.printf("%-14s %7s %7s %7s %7s%n", "group", "passed", "failed", "skipped", "not run");
        result.groups().values().forEach(g ->
                progress.printf("%-14s %7d %7d %7d %7d%n", g.group(), g.passed(), g.failed(), g.skipped(), g.notRun()));
        progress.println(result.status() + ": " + result.message());
        result.report().ifPresent(r -> progress.println("report: " + r.toAbsolutePath()));
    }

    private static long count(List<TestOutcome> tests, TestOutcome.Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }
}
