package dev.chatharness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's own {@code help} and {@code generate-completion} commands, given the same one-line summary and
 * examples as ours (their annotations are picocli's, so this is done on the model).
 */
final class BuiltInCommands {
    private BuiltInCommands() {
    }

    static void describe(CommandLine root) {
        usage(root, "help")
                .header("Show the help of a command.")
                .footerHeading("%nExamples:%n")
                .footer("  chat-harness help load", "  chat-harness help load fanout");
        usage(root, "generate-completion")
                .header("Print a bash/zsh completion script for chat-harness.")
                .footerHeading("%nExamples:%n")
                .footer("  source <(chat-harness generate-completion)",
                        "  chat-harness generate-completion > /etc/bash_completion.d/chat-harness");
    }

    private static UsageMessageSpec usage(CommandLine root, String name) {
        return root.getSubcommands().get(name).getCommandSpec().usageMessage();
    }
}
