package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code check} in-process against a reference server: the verdict lines, --json, the exit codes, the flags. */
class CheckCommandTest {

    private static ChatServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret("check-secret").build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(String... args) {
        CommandLine cmd = ChatHarness.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private String target() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    @DisplayName("a healthy target: one ok line per probe and exit 0")
    void healthy_target_exits_0() {
        int code = run("check", "--target", target(), "--jwt-secret", "check-secret");

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.OK.code());
        assertThat(out.toString()).contains("ok    reachable:").contains("ok    websocket:")
                .contains("ok    sticky-sessions:").contains("ok    delivery:").contains("healthy: ");
    }

    @Test
    @DisplayName("--json gives the same verdicts as data, and nothing else on standard output")
    void json_is_the_same_as_data() throws Exception {
        int code = run("check", "--target", target(), "--jwt-secret", "check-secret", "--socket-path", "/chat/socket.io/",
                "--json");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.CHECKS_FAILED.code());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("healthy").asBoolean()).isFalse();
        assertThat(json.path("exitCode").asInt()).isEqualTo(1);
        assertThat(json.path("socketPath").asText()).isEqualTo("/chat/socket.io/");
        assertThat(json.path("faults").toString()).contains("wrong-socket-path");
        JsonNode verdict = json.path("verdicts").get(json.path("verdicts").size() - 1);
        assertThat(verdict.path("probe").asText()).isEqualTo("socket-path");
        assertThat(verdict.path("fix").asText()).contains("--socket-path /socket.io/");
    }

    @Test
    @DisplayName("--insecure is warned about on every run, on standard error")
    void insecure_warns() {
        run("check", "--target", target(), "--jwt-secret", "check-secret", "--insecure", "--quiet");

        assertThat(err.toString()).contains(TlsTrust.INSECURE_WARNING);
    }

    @Test
    @DisplayName("a header the harness must control, or a CA file with --insecure, is a usage error (2)")
    void bad_connection_flags_exit_2() {
        assertThat(run("check", "--target", target(), "--jwt-secret", "s", "--header", "Host: evil"))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--header").contains("Host");
        assertThat(run("check", "--target", target(), "--jwt-secret", "s", "--socket-path", "socket.io"))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(run("check", "--target", target(), "--jwt-secret", "s", "--ca-cert", "no-such.pem"))
                .isEqualTo(ExitCode.USAGE.code());
    }
}
