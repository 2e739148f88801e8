package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line in-process: parsing, usage errors, crashes, and what reaches picocli's writers. */
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
    @DisplayName("token takes the secret as --jwt-secret too, the name every other command uses")
    void token_takes_jwt_secret_like_the_other_commands() {
        int code = run("token", "--jwt-secret", "s3cret", "--tenant", "acme", "--user", "alice");

        assertThat(code).isZero();
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256("s3cret")).build().verify(out.toString().trim());
        assertThat(jwt.getSubject()).isEqualTo("alice");
    }

    @Test
    @DisplayName("a missing required option exits 2 with the reason and the usage")
    void missing_option_exits_2() {
        int code = run("token", "--secret", "s", "--tenant", "t");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("Missing required option: '--user=USER'").contains("Usage: chat-harness token");
    }

    @Test
    @DisplayName("a duration that is not one exits 2 and says what a duration looks like")
    void bad_duration_exits_2() {
        int code = run("token", "--secret", "s", "--tenant", "t", "--user", "u", "--ttl", "soon");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    @DisplayName("serve without any secret exits 2 and names the three ways to give one")
    void serve_without_secret_exits_2() {
        int code = run("serve", "--port", "0");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--jwt-secret").contains("--jwt-secret-file").contains("CHAT_HARNESS_JWT_SECRET");
    }

    @Test
    @DisplayName("serve refuses a malformed rate limit with a one-line reason")
    void serve_with_bad_rate_exits_2() {
        int code = run("serve", "--port", "0", "--jwt-secret", "s", "--rate-message", "lots");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("CAP:PER_S");
    }

    @Test
    @DisplayName("serve refuses a connection cap below one, naming the setting")
    void serve_with_bad_connection_cap_exits_2() {
        int code = run("serve", "--port", "0", "--jwt-secret", "s", "--max-sockets-per-user", "0");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("per user");
    }

    @Test
    @DisplayName("--version names the tool and the Java it runs on")
    void version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("chat-harness").contains("Java");
    }

    @Test
    @DisplayName("a crash is exit 70 with one line and a hint, and the stack trace only in debug mode")
    void a_crash_is_70_with_the_trace_only_in_debug_mode() {
        CommandLine cmd = ChatHarness.newCommandLine();
        StringWriter quiet = new StringWriter();
        cmd.setErr(new PrintWriter(quiet, true));
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThat(new ExecutionErrorHandler(false).handleExecutionException(bug, cmd, null))
                .isEqualTo(ExitCode.SOFTWARE.code()).isEqualTo(70);
        assertThat(quiet.toString()).contains("internal error: java.lang.IllegalStateException: a bug")
                .contains("CHAT_HARNESS_DEBUG=1").doesNotContain("\tat ");

        StringWriter debug = new StringWriter();
        cmd.setErr(new PrintWriter(debug, true));
        assertThat(new ExecutionErrorHandler(true).handleExecutionException(bug, cmd, null)).isEqualTo(70);
        assertThat(debug.toString()).contains("\tat dev.chatharness.cli.CommandLineTest");
    }

    @Test
    @DisplayName("check --json talks only through picocli's writers: the JSON in setOut, nothing on System.out")
    void output_goes_through_the_command_line_writers() throws Exception {
        PrintStream realOut = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret("writers").build())) {
            System.setOut(new PrintStream(leaked, true, StandardCharsets.UTF_8));
            int code = run("check", "--target", server.baseUrl(), "--jwt-secret", "writers", "--json");
            int unreachable = run("check", "--target", server.baseUrl(), "--jwt-secret", "not-the-secret");

            assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK.code());
            assertThat(new ObjectMapper().readTree(out.toString()).path("healthy").asBoolean()).isTrue();
            assertThat(unreachable).isEqualTo(ExitCode.TARGET_UNREACHABLE.code());
            assertThat(err.toString()).contains("refused a valid token");
        } finally {
            System.setOut(realOut);
        }
        assertThat(leaked.toString(StandardCharsets.UTF_8)).as("printed around picocli").isEmpty();
    }
}
