package dev.chatharness.cli;

import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.common.exit.TargetUnreachableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and one-line messages: a usage mistake is 2, an unreachable
 * target 3, and anything else is a bug of ours, 70 (sysexits' EX_SOFTWARE), never 1, which CI reads as "the
 * target failed a check". Stack traces only with {@code CHAT_HARNESS_DEBUG=1}: a user needs to know what to fix,
 * not where we were.
 */
final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    private final boolean debug;

    /** @param debug print the stack trace of an internal error */
    ExecutionErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        CommandLine.Help.ColorScheme colors = cmd.getColorScheme();
        if (ex instanceof UsageException) {
            err.println(colors.errorText("error: " + ex.getMessage()));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        }
        if (ex instanceof TargetUnreachableException) {
            err.println(colors.errorText("error: " + ex.getMessage()));
            return ExitCode.TARGET_UNREACHABLE.code();
        }
        // An Error arrives wrapped (see ChatHarness): name what was thrown, not the wrapper.
        Throwable bug = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        err.println(colors.errorText("internal error: " + bug));
        if (debug) {
            bug.printStackTrace(err);
        } else {
            err.println("(a bug in chat-harness; set " + ChatHarness.DEBUG_ENV + "=1 to see the stack trace)");
        }
        err.flush();
        return ExitCode.SOFTWARE.code();
    }
}
