package dev.chatharness.cli.profile;

import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a commented profile template, so nobody has to guess the keys. */
@Command(name = "init", mixinStandardHelpOptions = true,
        header = "Write a commented target profile template.",
        description = "Write a commented target profile template to FILE, or to standard output with '-'.",
        footerHeading = "%nExamples:%n",
        footer = {"  chat-harness profile init staging.yaml", "  chat-harness profile init - > staging.yaml"})
final class ProfileInitCommand implements Callable<Integer> {
    static final String TEMPLATE = "profile-template.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "chat-harness-profile.yaml", paramLabel = "FILE",
            description = "Where to write it (default: ${DEFAULT-VALUE}); '-' for standard output.")
    String file;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String template = template();
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(file)) {
            out.print(template);
            out.flush();
            return ExitCode.OK.code();
        }
        Path path = Path.of(file);
        if (Files.exists(path) && !force) {
            throw new UsageException("'" + path + "' exists; use --force to overwrite it");
        }
        try {
            Files.writeString(path, template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write '" + path + "': " + e);
        }
        out.println("wrote " + path.toAbsolutePath() + ": edit it, then run 'chat-harness check --profile " + path + "'");
        return ExitCode.OK.code();
    }

    static String template() throws IOException {
        try (InputStream in = ProfileInitCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the profile template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
