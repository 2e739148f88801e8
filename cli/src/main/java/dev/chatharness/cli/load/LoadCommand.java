package dev.chatharness.cli.load;

import picocli.CommandLine.Command;

/** {@code load fanout|connections|mix|merge}: the Gatling scenarios and the shard merger. */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        description = "Measure a target under load: fan-out latency, connection capacity, a realistic mix.",
        subcommands = {LoadScenarioCommand.FanOut.class, LoadScenarioCommand.Connections.class,
            LoadScenarioCommand.Mix.class, LoadMergeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness load fanout --target http://127.0.0.1:8080 --jwt-secret s --rooms 20 --members 10 --rate 50 --duration 15s",
            "  chat-harness load fanout --target URL --jwt-secret-file secret.txt --max-p99 50 --max-lost 0   # a CI gate",
            "  chat-harness load fanout --target URL --jwt-secret s --shard 1/2 --report-dir shard-1   # one of two injectors",
            "  chat-harness load merge shard-0 shard-1 --report-dir merged"})
public final class LoadCommand {
}
