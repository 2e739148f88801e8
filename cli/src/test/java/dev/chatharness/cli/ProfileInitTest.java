package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.TargetProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProfileInitTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("profile init writes a template that loads as a valid profile once its secret variable is set")
    void template_is_a_valid_profile() throws Exception {
        Path file = dir.resolve("staging.yaml");
        StringWriter out = new StringWriter();
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute("profile", "init", file.toString())).isZero();
        assertThat(out.toString()).contains("wrote ").contains("chat-harness check --profile");

        TargetProfile profile = TargetProfile.resolve(Optional.of(file), Map.of("CHAT_HARNESS_JWT_SECRET", "from-env"),
                new Properties(), Map.of());

        assertThat(Files.readString(file)).contains("# Token source");
        assertThat(profile.jwtSecret()).contains("from-env");
        assertThat(profile.messageRate().capacity()).isEqualTo(20);
    }

    @Test
    @DisplayName("profile init refuses to overwrite a file unless told to")
    void refuses_to_overwrite() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), "target: http://127.0.0.1:1\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setErr(new PrintWriter(err, true));

        assertThat(cmd.execute("profile", "init", file.toString())).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("exists; use --force");
        assertThat(Files.readString(file)).isEqualTo("target: http://127.0.0.1:1\n");
    }

    @Test
    @DisplayName("profile init - prints the template through the command's writer, and an unwritable path is a usage error")
    void prints_to_standard_output_and_names_an_unwritable_path() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        assertThat(cmd.execute("profile", "init", "-")).isZero();
        assertThat(out.toString()).contains("# Token source");

        assertThat(cmd.execute("profile", "init", dir.resolve("no/such/folder/p.yaml").toString()))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("cannot write").doesNotContain("internal error");
    }
}
