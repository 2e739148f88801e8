package dev.chatharness.cli;

import dev.chatharness.cli.common.TargetUnreachableException;
import dev.chatharness.cli.common.UsageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and one-line messages. Stack traces only with
 * {@code CHAT_HARNESS_DEBUG=1}: a user needs to know what to fix, not where we were.
 */
final class ExecutionErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        CommandLine.Help.ColorScheme colors = cmd.getColorScheme();
        if (ex instanceof UsageException) {
            err.println(colors.errorText("error: " + ex.getMessage()));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        }
        if (ex instanceof TargetUnreachableException) {
            err.println(colors.errorText("error: " + ex.getMessage()));
            return ExitCodes.TARGET_UNREACHABLE;
        }
        err.println(colors.errorText("internal error: " + ex));
        if ("1".equals(System.getenv("CHAT_HARNESS_DEBUG"))) {
            ex.printStackTrace(err);
        } else {
            err.println("(set CHAT_HARNESS_DEBUG=1 to see the stack trace)");
        }
        return ExitCodes.CHECKS_FAILED;
    }
}
