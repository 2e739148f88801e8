package dev.chatharness.examples;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the Java example against the reference server started in-process on a free port. */
class ChatClientExampleTest {
    private static final String SECRET = "examples-" + UUID.randomUUID();
    private static final Tokens TOKENS = new Tokens(SECRET, "acme");

    private static ChatServer server;
    private static String url;

    @BeforeAll
    static void startServer() {
        server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).build());
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_example_run_as_a_process_sees_every_room_event_and_exits_0() throws Exception {
        try (ExampleTarget target = ReferenceTarget.start(null)) {
            JavaExampleRun.expectEveryRoomEvent(target);
        }
    }

    @Test
    void a_token_signed_with_another_secret_is_refused_with_exit_3() {
        Result result = runInProcess(Map.of(
                "CHAT_TOKEN_A", new Tokens("not-the-server-secret", "acme").forUser("alice"),
                "CHAT_TOKEN_B", TOKENS.forUser("bob")), "--url", url, "--timeout-seconds", "10");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("alice could not connect").contains("unauthorized").contains("token_invalid");
    }

    @Test
    void a_port_where_nothing_listens_gives_exit_3_within_10_seconds() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Instant start = Instant.now();

        Result result = runInProcess(Map.of("CHAT_TOKEN_A", TOKENS.forUser("alice"),
                "CHAT_TOKEN_B", TOKENS.forUser("bob")), "--url", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missing_tokens_and_bad_flags_are_usage_errors_with_exit_2() {
        Result noTokens = runInProcess(Map.of(), "--url", url);
        Result badUrl = runInProcess(Map.of("CHAT_TOKEN_A", "a", "CHAT_TOKEN_B", "b"), "--url", "ftp://x");
        Result notJwt = runInProcess(Map.of("CHAT_TOKEN_A", "a", "CHAT_TOKEN_B", "b"), "--url", url);

        assertThat(noTokens.exitCode()).isEqualTo(2);
        assertThat(noTokens.err()).contains("CHAT_TOKEN_A");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("ftp://x");
        assertThat(notJwt.exitCode()).isEqualTo(2);
        assertThat(notJwt.err()).contains("CHAT_TOKEN_A is not a JWT");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result runInProcess(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ChatClientExample.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
