package dev.chatharness.cli.load;

import dev.chatharness.cli.ExitCodes;
import dev.chatharness.cli.common.OutputOptions;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.merge.ShardMerger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Merges the report folders of several shards into one summary and report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        header = "Merge the reports of several injectors (shards) into one.",
        description = "Merge the shards' .hlog histograms and counts into one fanout-summary.json and HTML report, and "
                + "judge the thresholds on the merged figures.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness load merge shard-0 shard-1 --report-dir merged",
            "  chat-harness load merge shard-* --max-p99 50 --max-lost 0 --json  # a CI gate"})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.SOFTWARE})
final class LoadMergeCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Report folders of the shards.")
    List<Path> shardDirs;

    @Option(names = "--report-dir", defaultValue = "reports/load-merged", paramLabel = "DIR",
            description = "Where the merged report goes (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--max-p99", paramLabel = "MS", description = "Fail (exit 1) when the merged p99 exceeds this.")
    Double maxP99;

    @Option(names = "--max-lost", paramLabel = "N", description = "Fail (exit 1) when more than N deliveries were lost.")
    Long maxLost;

    @Override
    public Integer call() throws IOException {
        for (Path dir : shardDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("not a report folder: '" + dir + "'");
            }
        }
        LoadResult result;
        try {
            result = new ShardMerger().merge(shardDirs, reportDir, maxP99, maxLost, output.progress());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LoadOutput.print(result, output);
        return result.exitCode();
    }
}
