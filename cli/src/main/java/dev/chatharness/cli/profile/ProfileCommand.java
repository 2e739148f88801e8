package dev.chatharness.cli.profile;

import picocli.CommandLine.Command;

/** {@code profile init}: target profiles for real use. */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        description = "Manage target profiles (URL, token source, declared limits, unsupported features).",
        subcommands = {ProfileInitCommand.class})
public final class ProfileCommand {
}
