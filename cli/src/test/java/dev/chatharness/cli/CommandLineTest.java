package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line in-process: parsing, usage errors and the commands that need no server. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    @DisplayName("token prints an HS256 JWT with sub, tenant_id and the requested lifetime")
    void token_prints_a_verifiable_jwt() {
        int code = run("token", "--secret", "s3cret", "--tenant", "acme", "--user", "alice", "--ttl", "15m");

        assertThat(code).isZero();
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256("s3cret")).build().verify(out.toString().trim());
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaim("tenant_id").asString()).isEqualTo("acme");
        assertThat(Duration.between(Instant.now(), jwt.getExpiresAtAsInstant()))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("a missing required option exits 2 with the reason and the usage")
    void missing_option_exits_2() {
        int code = run("token", "--secret", "s", "--tenant", "t");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--user=USER'").contains("Usage: chat-harness token");
    }

    @Test
    @DisplayName("a duration that is not one exits 2 and says what a duration looks like")
    void bad_duration_exits_2() {
        int code = run("token", "--secret", "s", "--tenant", "t", "--user", "u", "--ttl", "soon");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    @DisplayName("serve without any secret exits 2 and names the three ways to give one")
    void serve_without_secret_exits_2() {
        int code = run("serve", "--port", "0");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--jwt-secret").contains("--jwt-secret-file").contains("CHAT_HARNESS_JWT_SECRET");
    }

    @Test
    @DisplayName("serve refuses a malformed rate limit with a one-line reason")
    void serve_with_bad_rate_exits_2() {
        int code = run("serve", "--port", "0", "--jwt-secret", "s", "--rate-message", "lots");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("CAP:PER_S");
    }

    @Test
    @DisplayName("serve refuses a connection cap below one, naming the setting")
    void serve_with_bad_connection_cap_exits_2() {
        int code = run("serve", "--port", "0", "--jwt-secret", "s", "--max-sockets-per-user", "0");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("per user");
    }

    @Test
    @DisplayName("every command has --help with examples or exit codes")
    void every_command_documents_itself() {
        for (String command : new String[] {"serve", "token", "conformance", "check", "demo", "load"}) {
            StringWriter help = new StringWriter();
            CommandLine cmd = ChatHarness.newCommandLine();
            cmd.setOut(new PrintWriter(help, true));
            assertThat(cmd.execute(command, "--help")).isZero();
            assertThat(help.toString()).as(command + " --help").contains("Usage: chat-harness " + command).contains("Examples:");
        }
    }

    @Test
    @DisplayName("--version names the tool and the Java it runs on")
    void version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("chat-harness").contains("Java");
    }
}
