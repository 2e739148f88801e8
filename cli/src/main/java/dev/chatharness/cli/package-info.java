/**
 * The {@code chat-harness} command line (picocli): the root command, the one place where failures become exit
 * codes ({@code ExecutionErrorHandler}, {@code UsageErrorHandler}) and the exit code list of every command's
 * {@code --help} ({@code ExitCodes}, {@code ExitCodeHelp}). Each subcommand lives in its own package; domain logic
 * stays in the modules the commands call.
 */
package dev.chatharness.cli;
