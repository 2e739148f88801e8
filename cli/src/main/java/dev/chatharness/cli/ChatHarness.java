package dev.chatharness.cli;

import dev.chatharness.cli.serve.ServeCommand;
import dev.chatharness.cli.token.TokenCommand;
import dev.chatharness.cli.check.CheckCommand;
import dev.chatharness.cli.conformance.ConformanceCommand;
import dev.chatharness.cli.demo.DemoCommand;
import dev.chatharness.cli.load.LoadCommand;
import dev.chatharness.cli.profile.ProfileCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chat-harness} root command: every subcommand hangs off this one. */
@Command(
        name = "chat-harness",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Serve, check, load-test and mint tokens for Socket.IO v4 Chat v2 backends.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            ConformanceCommand.class,
            LoadCommand.class,
            CheckCommand.class,
            TokenCommand.class,
            ProfileCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything passed",
            "1:checks failed (a test or a threshold)",
            "2:usage error (bad argument, unreadable profile)",
            "3:target unreachable or authentication setup failed"
        })
public final class ChatHarness {

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The fully configured command line; tests drive it in-process through this. */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new ChatHarness());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExecutionExceptionHandler(new ExecutionErrorHandler());
        return cmd;
    }
}
