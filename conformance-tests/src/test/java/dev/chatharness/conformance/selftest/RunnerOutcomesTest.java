package dev.chatharness.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.Selection;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.faults.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI relies on: exit codes, the messages that say what to fix, the reports, the tokens-file mode. */
@DisabledIfSystemProperty(named = "chat.target", matches = ".+")
class RunnerOutcomesTest {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(out, true, StandardCharsets.UTF_8);

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_target_with_nothing_listening_is_unreachable_within_seconds() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(),
                Map.of("target", "http://127.0.0.1:" + port, "jwtSecret", "s"));
        ConformanceResult result = ConformanceRunner.run(profile, Set.of(), reports, progress);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.message()).contains("nothing is listening at http://127.0.0.1:" + port);
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        assertThat(printed()).contains("UNREACHABLE");
    }

    @Test
    void a_wrong_secret_is_reported_as_an_authentication_setup_problem() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret("the-real-secret").build())) {
            TargetProfile profile = SelfTestTargets.profile(
                    Map.of("target", "http://127.0.0.1:" + server.port(), "jwtSecret", "a-wrong-secret"));
            ConformanceResult result = ConformanceRunner.run(profile, Set.of(), reports, progress);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.message()).contains("token_invalid").contains("secret");
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void an_unknown_tag_is_a_usage_error() {
        TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(),
                Map.of("target", "http://127.0.0.1:9", "jwtSecret", "s"));
        ConformanceResult result = ConformanceRunner.run(profile, Set.of("isolation", "speed"), reports, progress);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.message()).contains("speed");
    }

    @Test
    void a_tag_selection_runs_only_that_group_and_writes_both_reports() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SelfTestTargets.SECRET).build())) {
            ConformanceResult result = ConformanceRunner.run(SelfTestTargets.profile(server), Set.of("robustness"),
                    reports, progress);
            assertThat(result.exitCode()).as(printed()).isZero();
            assertThat(result.tests()).isNotEmpty().allMatch(t -> t.group().equals("robustness"));
            assertThat(printed()).contains("PASS [robustness] §4");
            assertThat(reports.resolve("TEST-junit-jupiter.xml")).exists();
            assertThat(Files.readString(reports.resolve("TEST-junit-jupiter.xml"))).contains("<testcase");
            String markdown = Files.readString(reports.resolve(ConformanceRunner.REPORT_FILE));
            assertThat(markdown).contains("| robustness | " + result.passed() + " | 0 | 0 | 0 |").contains("None.");
        }
    }

    @Test
    void a_clause_selection_runs_only_the_tests_that_name_that_clause() {
        try (ChatServer server = SelfTestTargets.start(Set.of())) {
            ConformanceResult result = ConformanceRunner.run(SelfTestTargets.profileFor(server),
                    Selection.clauses(Set.of("3.7")), reports, progress);
            assertThat(result.exitCode()).as(printed()).isZero();
            assertThat(result.tests()).extracting(TestOutcome::testId)
                    .containsExactly("AuthorizationConformance#message_ids_resolve_within_their_conversation");
        }
        ConformanceResult unknown = ConformanceRunner.run(SelfTestTargets.profile(Map.of("target", "http://127.0.0.1:1",
                "jwtSecret", "s")), Selection.clauses(Set.of("42.1")), reports, progress);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.message()).contains("42.1").contains("specs/contract.md");
        ConformanceResult malformed = ConformanceRunner.run(SelfTestTargets.profile(Map.of("target", "http://127.0.0.1:1",
                "jwtSecret", "s")), Selection.clauses(Set.of("§3")), reports, progress);
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.message()).contains("write them like 3.3");
    }

    @Test
    void a_target_that_dies_mid_run_is_named_with_the_input_that_killed_it() throws IOException {
        // The defect stops the server's listener when an event with thousands of arguments arrives, as such a packet
        // ends a stock socket.io 4.x process.
        try (ChatServer server = SelfTestTargets.start(Set.of(Fault.DIES_ON_MANY_ARGUMENTS))) {
            ConformanceResult result = ConformanceRunner.run(SelfTestTargets.profileFor(server),
                    Set.of("robustness", "security"), reports, progress);
            assertThat(result.exitCode()).as(printed()).isEqualTo(1);
            assertThat(result.crash()).as("the crash").isPresent();
            assertThat(result.crash().get().summary()).isEqualTo("target stopped answering after hostile case"
                    + " huge.jsonl#many-args: EVENT with 100,000 arguments");
            assertThat(printed()).containsOnlyOnce("CRASH: target stopped answering after hostile case huge.jsonl#many-args")
                    .doesNotContain("ConnectException");
            assertThat(result.notRun()).as("tests after the crash (the rest of the corpus, the token attacks)")
                    .isGreaterThan(5);
            assertThat(result.failed()).as("failures: only the test that saw the crash").isEqualTo(1);
            String markdown = Files.readString(reports.resolve(ConformanceRunner.REPORT_FILE));
            assertThat(markdown.indexOf("## Security finding")).isPositive().isLessThan(markdown.indexOf("## Groups"));
            assertThat(markdown).contains("- input: `421[\"typing\",{},{}").contains("- mitigation: Refuse a Socket.IO packet");
        }
    }

    @Test
    void pre_issued_tokens_run_the_suite_and_skip_what_needs_the_secret_with_the_reason() throws IOException {
        String secret = "staging-secret-not-shared";
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(secret).build())) {
            Path tokens = reports.resolve("tokens.yaml");
            StringBuilder yaml = new StringBuilder("tenants:\n");
            String suffix = Long.toHexString(System.nanoTime());
            for (String tenant : new String[] {"acme-" + suffix, "globex-" + suffix}) {
                yaml.append("  - tokens:\n");
                for (String sub : new String[] {"ann", "ben", "cat"}) {
                    yaml.append("      - ").append(JWT.create().withSubject(sub).withClaim("tenant_id", tenant)
                            .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(secret))).append('\n');
                }
            }
            Files.writeString(tokens, yaml.toString());
            TargetProfile profile = SelfTestTargets.profile(
                    Map.of("target", "http://127.0.0.1:" + server.port(), "tokensFile", tokens.toString()));
            ConformanceResult result = ConformanceRunner.run(profile, Set.of("auth", "isolation", "delivery"), reports,
                    progress);
            assertThat(result.failures()).as(printed()).extracting(TestOutcome::line).isEmpty();
            assertThat(result.skipped()).as("tests needing minted tokens").isPositive();
            assertThat(result.tests()).filteredOn(t -> t.status() == TestOutcome.Status.SKIPPED)
                    .allMatch(t -> t.detail().contains("pre-issued"));
            assertThat(result.passed()).isGreaterThan(10);
            assertThat(Files.readString(reports.resolve(ConformanceRunner.REPORT_FILE))).contains("## Skipped");
        }
    }
}
