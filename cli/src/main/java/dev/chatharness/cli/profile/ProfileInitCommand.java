package dev.chatharness.cli.profile;

import dev.chatharness.cli.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a commented profile template, so nobody has to guess the keys. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented target profile template (to FILE, or to standard output with '-').",
        footerHeading = "%nExamples:%n",
        footer = {"  chat-harness profile init staging.yaml", "  chat-harness profile init - > staging.yaml"})
final class ProfileInitCommand implements Callable<Integer> {
    static final String TEMPLATE = "profile-template.yaml";

    @Parameters(index = "0", defaultValue = "chat-harness-profile.yaml", paramLabel = "FILE",
            description = "Where to write it (default: ${DEFAULT-VALUE}); '-' for standard output.")
    String file;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String template = template();
        if ("-".equals(file)) {
            System.out.print(template);
            return 0;
        }
        Path path = Path.of(file);
        if (Files.exists(path) && !force) {
            throw new UsageException("'" + path + "' exists; use --force to overwrite it");
        }
        Files.writeString(path, template, StandardCharsets.UTF_8);
        System.out.println("wrote " + path.toAbsolutePath() + ": edit it, then run 'chat-harness check --profile " + path + "'");
        return 0;
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
