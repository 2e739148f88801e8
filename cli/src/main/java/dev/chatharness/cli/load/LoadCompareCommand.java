package dev.chatharness.cli.load;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.load.compare.Comparison;
import dev.chatharness.load.compare.ComparisonPage;
import dev.chatharness.load.compare.ComparisonTable;
import dev.chatharness.load.compare.RegressionBound;
import dev.chatharness.load.compare.ReportFolder;
import dev.chatharness.load.compare.ReportFolderException;
import dev.chatharness.load.compare.RunComparator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Holds a new run to a base run, figure by figure: the CI gate of a candidate against a stored baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compare two load runs and fail on a regression.",
        description = {
            "Read the report folders of two earlier runs (BASE, then NEW) and compare fan-out p50/p90/p99/p99.9/max, "
                    + "deliveries/s, lost, duplicated and out-of-order deliveries, failed connections and connect "
                    + "p50/p99/max. Prints a table (base, new, change, verdict), writes an HTML page with both runs' "
                    + "per-second latency curves, and exits 1 when a figure got worse beyond --max-regression.",
            "Worse means higher for latencies and fault counts, lower for deliveries/s. Latency changes of 1 ms or "
                    + "less never count (the clock's resolution). A fault count going from 0 to any is a regression "
                    + "whatever the bound. Runs of different scenarios, rates, sizes, durations or warm-ups are "
                    + "compared all the same, with a warning on standard error."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness load compare reports/baseline reports/load-fanout",
            "  # a CI gate: a candidate against a stored baseline run",
            "  chat-harness load compare baseline candidate --max-regression 10%%",
            "  chat-harness load compare base new --output compare.html --json"})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.SOFTWARE})
final class LoadCompareCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "BASE", description = "Report folder of the base run (the baseline).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "Report folder of the new run (the candidate).")
    Path candidate;

    @Option(names = "--max-regression", defaultValue = "20%", converter = RegressionBoundConverter.class,
            paramLabel = "PERCENT", description = "How much worse a figure may get before it is a regression, with "
                    + "its %% sign (default: ${DEFAULT-VALUE}).")
    RegressionBound maxRegression;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where the HTML page goes (default: NEW/" + ComparisonPage.DEFAULT_FILE + ").")
    Path page;

    @Override
    public Integer call() {
        ReportFolder baseRun;
        ReportFolder candidateRun;
        try {
            baseRun = ReportFolder.read(base);
            candidateRun = ReportFolder.read(candidate);
        } catch (ReportFolderException e) {
            throw new UsageException(e.getMessage());
        }
        Comparison comparison = new RunComparator(maxRegression).compare(baseRun, candidateRun);
        Path file = page != null ? page : candidate.resolve(ComparisonPage.DEFAULT_FILE);
        try {
            ComparisonPage.write(comparison, file);
        } catch (IOException e) {
            throw new UsageException("cannot write the compare page to '" + file + "': " + e.getMessage());
        }
        comparison.warnings().forEach(w -> output.err().println("warning: " + w));
        output.err().flush();
        if (output.json()) {
            output.printJson(comparison);
        } else if (output.quiet()) {
            output.out().println(ComparisonTable.verdict(comparison));
        } else {
            ComparisonTable.print(comparison, output.out());
            output.out().println("compare page: " + file.toAbsolutePath());
        }
        output.out().flush();
        return (comparison.regressed() ? ExitCode.CHECKS_FAILED : ExitCode.OK).code();
    }
}
