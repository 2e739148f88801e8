package dev.chatharness.cli.load;

import picocli.CommandLine.Command;

/** {@code load fanout|connections|mix|merge|compare}: the Gatling scenarios, the shard merger, the comparison. */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        header = "Measure a target under load: fan-out, connections, mix.",
        description = "Run one of the load scenarios against a target, merge the reports of several injectors, or "
                + "compare a run with an earlier one.",
        subcommands = {LoadScenarioCommand.FanOut.class, LoadScenarioCommand.Connections.class,
            LoadScenarioCommand.Mix.class, LoadMergeCommand.class, LoadCompareCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness load fanout --target http://127.0.0.1:8080 --jwt-secret s \\",
            "      --rooms 20 --members 10 --rate 50 --duration 15s",
            "  chat-harness load connections --target URL --jwt-secret s --rooms 50",
            "  chat-harness load mix --target URL --jwt-secret s",
            "  chat-harness load merge shard-0 shard-1 --report-dir merged",
            "  chat-harness load compare reports/baseline reports/load-fanout"})
public final class LoadCommand {
}
