package dev.chatharness.cli.profile;

import picocli.CommandLine.Command;

/** {@code profile init}: target profiles for real use. */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        header = "Write target profiles (URL, tokens, declared limits).",
        description = "A target profile holds what conformance, check and load need to know about a target: its URL, "
                + "the token source, the limits it declares and the features it does not support.",
        subcommands = {ProfileInitCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  chat-harness profile init staging.yaml", "  chat-harness check --profile staging.yaml"})
public final class ProfileCommand {
}
