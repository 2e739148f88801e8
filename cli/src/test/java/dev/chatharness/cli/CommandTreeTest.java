package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.common.exit.ExitCode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks the whole command tree, so that a command added tomorrow is held to the same rules without anyone
 * remembering to list it: {@code --help} with an example and the exit codes, and error paths that return only
 * the exit codes its help documents.
 */
class CommandTreeTest {

    /** Every command, as the words that reach it from the root ("" for the root, "load fanout", ...). */
    static Stream<String> everyCommand() {
        List<String> paths = new ArrayList<>();
        walk(ChatHarness.newCommandLine(), "", paths);
        return paths.stream();
    }

    /** The commands that only group others. */
    static Stream<String> everyGroup() {
        return everyCommand().filter(path -> !spec(path).subcommands().isEmpty());
    }

    private static void walk(CommandLine cmd, String path, List<String> paths) {
        paths.add(path);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // an alias would be the same command again
                walk(sub, (path + " " + name).trim(), paths);
            }
        });
    }

    private static CommandSpec spec(String path) {
        CommandLine cmd = ChatHarness.newCommandLine();
        for (String word : words(path)) {
            cmd = cmd.getSubcommands().get(word);
        }
        return cmd.getCommandSpec();
    }

    private static List<String> words(String path) {
        return path.isEmpty() ? List.of() : Arrays.asList(path.split(" "));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String path, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(words(path));
        all.addAll(Arrays.asList(args));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertDocumented(String path, Run r) {
        Set<ExitCode> documented = ExitCodeHelp.documented(spec(path));
        assertThat(documented).as("codes documented by '%s'", path)
                .extracting(ExitCode::code).as("'%s' returned %d\n%s", path, r.code(), r.err())
                .contains(r.code());
    }

    @ParameterizedTest(name = "chat-harness {0} --help")
    @MethodSource("everyCommand")
    @DisplayName("every command has --help with a summary, an example of itself and its exit codes")
    void every_command_documents_itself(String path) {
        Run r = run(path, "--help");

        String qualified = ("chat-harness " + path).trim();
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).as(qualified + " --help").contains("Usage: " + qualified);
        assertThat(r.out()).contains("Examples:");
        String examples = r.out().substring(r.out().indexOf("Examples:"));
        assertThat(examples).as("an example of '%s' itself", qualified).contains(qualified);
        CommandSpec spec = spec(path);
        for (String line : spec.usageMessage().footer()) {
            // picocli wraps a longer line, cutting an example in two: a user could no longer paste it.
            assertThat(line.length()).as("fits the help's width: '%s'", line).isLessThan(spec.usageMessage().width());
        }
        assertThat(r.out()).contains("Exit codes:");
        for (ExitCode code : ExitCodeHelp.documented(spec(path))) {
            String start = code.meaning().substring(0, Math.min(15, code.meaning().length()));
            assertThat(r.out()).containsPattern("(?m)^\\s*" + code.code() + "\\s+" + Pattern.quote(start));
        }
    }

    @ParameterizedTest(name = "chat-harness {0} --no-such-flag")
    @MethodSource("everyCommand")
    @DisplayName("an unknown flag is a usage error (2) with the reason and the command's usage")
    void an_unknown_flag_is_a_usage_error(String path) {
        Run r = run(path, "--no-such-flag");

        assertDocumented(path, r);
        if (spec(path).helpCommand()) {
            // picocli's own help commands read what follows them leniently, by design: they only print help.
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK.code());
            return;
        }
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE.code());
        // A command with required arguments names those first; either way the reason and the usage follow.
        assertThat(r.err()).containsPattern("error: (Unknown option: '--no-such-flag'|Missing required)")
                .contains("Usage: " + ("chat-harness " + path).trim());
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "chat-harness {0}")
    @MethodSource("everyGroup")
    @DisplayName("a group of commands without one of them is a usage error (2)")
    void a_group_needs_a_subcommand(String path) {
        Run r = run(path);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE.code());
        assertDocumented(path, r);
        assertThat(r.err()).contains("Missing required subcommand");
    }

    /** The commands that talk to a target. */
    static Stream<String> everyCommandWithATarget() {
        return everyCommand().filter(path -> spec(path).findOption("--target") != null);
    }

    @ParameterizedTest(name = "chat-harness {0} --target (nothing listening)")
    @MethodSource("everyCommandWithATarget")
    @DisplayName("a target where nothing listens is exit 3 (unreachable), never a failed check")
    void nothing_listening_is_unreachable(String path, @TempDir Path reports) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("--target", "http://127.0.0.1:" + closedPort, "--jwt-secret", "s"));
        if (spec(path).findOption("--report-dir") != null) {
            args.addAll(List.of("--report-dir", reports.toString()));
        }
        Run r = run(path, args.toArray(String[]::new));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.TARGET_UNREACHABLE.code());
        assertDocumented(path, r);
        assertThat(r.err()).contains("error: ");
    }

    @ParameterizedTest(name = "chat-harness {0} --DURATION 5")
    @MethodSource("everyCommand")
    @DisplayName("every duration option refuses a bare number (2) and shows the accepted forms")
    void duration_options_refuse_a_bare_number(String path) {
        for (OptionSpec option : spec(path).options()) {
            if (option.type() != Duration.class) {
                continue;
            }
            Run r = run(path, option.longestName(), "5");

            assertThat(r.code()).as(option.longestName() + "\n" + r.err()).isEqualTo(ExitCode.USAGE.code());
            assertDocumented(path, r);
            assertThat(r.err()).contains(option.longestName()).contains("'5' has no unit").contains("PT15S");
        }
    }

    @ParameterizedTest(name = "chat-harness {0} --help")
    @MethodSource("everyGroup")
    @DisplayName("a command list gives each command a whole phrase, not the first line of a wrapped text")
    void command_summaries_are_whole_phrases(String path) {
        Run r = run(path, "--help");

        String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:"));
        // One line a command: a summary that wrapped onto a second line would be too long for the list.
        List<String> summaries = commands.lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertThat(summaries).hasSize(spec(path).subcommands().size());
        assertThat(summaries).allSatisfy(line -> assertThat(line.trim()).as("a whole phrase").endsWith("."));
    }

    @Test
    @DisplayName("the root documents every exit code there is, 70 for a crash included")
    void root_documents_every_exit_code() {
        assertThat(ExitCodeHelp.documented(spec(""))).containsExactly(ExitCode.values());
        assertThat(run("", "--help").out()).contains("70").contains("internal error");
    }
}
