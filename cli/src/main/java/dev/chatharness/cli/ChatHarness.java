package dev.chatharness.cli;

import dev.chatharness.cli.check.CheckCommand;
import dev.chatharness.cli.conformance.ConformanceCommand;
import dev.chatharness.cli.demo.DemoCommand;
import dev.chatharness.cli.load.LoadCommand;
import dev.chatharness.cli.profile.ProfileCommand;
import dev.chatharness.cli.serve.ServeCommand;
import dev.chatharness.cli.token.TokenCommand;
import dev.chatharness.common.exit.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParseResult;

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
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness demo",
            "  chat-harness serve --port 8080 --jwt-secret dev-secret",
            "  chat-harness conformance --target http://127.0.0.1:8080 --jwt-secret s",
            "  chat-harness load fanout --help",
            "",
            "Environment:",
            "  CHAT_HARNESS_JWT_SECRET  the HS256 secret, kept out of CI logs and history",
            "  CHAT_HARNESS_DEBUG=1     print the stack trace of an internal error (exit 70)",
            "  NO_COLOR                 no colour, even on a terminal"})
@ExitCodes({ExitCode.OK, ExitCode.CHECKS_FAILED, ExitCode.USAGE, ExitCode.TARGET_UNREACHABLE, ExitCode.SOFTWARE})
public final class ChatHarness {

    static final String DEBUG_ENV = "CHAT_HARNESS_DEBUG";

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The fully configured command line; tests drive it in-process through this. */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new ChatHarness());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExecutionExceptionHandler(new ExecutionErrorHandler("1".equals(System.getenv(DEBUG_ENV))));
        cmd.setExecutionStrategy(ChatHarness::runReportingErrors);
        BuiltInCommands.describe(cmd);
        ExitCodeHelp.document(cmd);
        return cmd;
    }

    /**
     * picocli hands exceptions to the {@link ExecutionErrorHandler} but lets an {@link Error} (an assertion, a
     * missing class) escape; wrapped, it is reported like any other crash, with exit code 70.
     */
    private static int runReportingErrors(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (Error e) {
            CommandLine failed = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            throw new ExecutionException(failed, e.toString(), e);
        }
    }
}
