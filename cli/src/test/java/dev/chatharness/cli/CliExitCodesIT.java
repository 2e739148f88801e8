package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as CI meets it: the runnable jar as a process, one test per documented exit code, against a
 * reference server that is itself started with {@code chat-harness serve}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliExitCodesIT {
    private static final String SECRET = "cli-it-secret";

    @TempDir
    Path work;

    private CliProcess server;
    private String url;

    @BeforeAll
    void startServer() throws Exception {
        // Failsafe runs this after 'package' with the jar's path; a surefire run picked up by a -Dtest pattern has none.
        Assumptions.assumeTrue(System.getProperty("chatHarness.jar") != null, "runs under failsafe, after package");
        server = CliProcess.start(Files.createTempDirectory("cli-it-serve"), Map.of(),
                "serve", "--port", "0", "--jwt-secret", SECRET);
        url = server.awaitListening();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("exit 0: the whole conformance suite passes against a separately started 'serve'")
    void conformance_against_serve_exits_0() throws Exception {
        CliProcess.Result r = CliProcess.run(work, Duration.ofMinutes(4),
                "conformance", "--target", url, "--jwt-secret", SECRET, "--report-dir", work.resolve("reports").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("PASSED");
        assertThat(work.resolve("reports/conformance-report.md")).exists();
        assertThat(Files.list(work.resolve("reports")).anyMatch(p -> p.getFileName().toString().endsWith(".xml")))
                .as("JUnit XML for CI").isTrue();
    }

    @Test
    @DisplayName("exit 1: a target whose limits differ from what the profile declares fails the ratelimit group")
    void conformance_with_wrong_declared_limits_exits_1() throws Exception {
        // The server allows 20:10; we declare a much smaller bucket, so the suite sees a missing refusal.
        CliProcess.Result r = CliProcess.run(work, Map.of("CHAT_RATE_LIMIT_MESSAGE_CAPACITY", "3",
                        "CHAT_RATE_LIMIT_MESSAGE_REFILL_PER_SECOND", "1"), Duration.ofMinutes(2),
                "conformance", "--target", url, "--jwt-secret", SECRET, "--tags", "ratelimit",
                "--report-dir", work.resolve("r1").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("FAIL [ratelimit]");
    }

    @Test
    @DisplayName("exit 1: a load run that breaks its p99 threshold fails, with a summary on disk")
    void load_threshold_broken_exits_1() throws Exception {
        CliProcess.Result r = CliProcess.run(work, Duration.ofMinutes(2),
                "load", "fanout", "--target", url, "--jwt-secret", SECRET, "--rooms", "2", "--members", "3",
                "--rate", "4", "--duration", "3s", "--max-p99", "0.001", "--report-dir", work.resolve("load").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(work.resolve("load/fanout-summary.json").toFile());
        assertThat(summary.path("deliveries").path("lost").asLong()).isZero();
        assertThat(summary.path("thresholds").path("broken").size()).isPositive();
    }

    @Test
    @DisplayName("exit 2: an unknown flag gets a one-line reason and the usage")
    void unknown_flag_exits_2() throws Exception {
        CliProcess.Result r = CliProcess.run(work, Duration.ofSeconds(60), "conformance", "--no-such-flag");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("Unknown option: '--no-such-flag'").contains("Usage: chat-harness conformance");
    }

    @Test
    @DisplayName("exit 2: a bad URL and an unreadable profile each get one clear line")
    void bad_url_and_unreadable_profile_exit_2() throws Exception {
        CliProcess.Result badUrl = CliProcess.run(work, Duration.ofSeconds(60),
                "conformance", "--target", "ftp://nowhere", "--jwt-secret", SECRET);
        assertThat(badUrl.exitCode()).as(badUrl.toString()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("--target must be an http:// or https:// URL");

        CliProcess.Result noProfile = CliProcess.run(work, Duration.ofSeconds(60),
                "check", "--profile", work.resolve("missing.yaml").toString());
        assertThat(noProfile.exitCode()).as(noProfile.toString()).isEqualTo(2);
        assertThat(noProfile.stderr()).contains("cannot read profile");
    }

    @Test
    @DisplayName("exit 3 within 10 s: nothing listens at the target")
    void nothing_listening_exits_3_quickly() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliProcess.Result r = CliProcess.run(work, Duration.ofSeconds(60),
                "conformance", "--target", "http://127.0.0.1:" + closedPort, "--jwt-secret", SECRET,
                "--report-dir", work.resolve("r3").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr() + r.stdout()).contains("nothing is listening");
        // JVM start-up included; the probe itself answers in well under a second.
        assertThat(r.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("exit 3: a wrong secret is reported as an authentication setup problem, not as failed tests")
    void wrong_secret_exits_3() throws Exception {
        CliProcess.Result r = CliProcess.run(work, Duration.ofSeconds(60), "check", "--target", url,
                "--jwt-secret", "not-the-secret");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).contains("refused a valid token");
    }

    @Test
    @DisplayName("exit 70: a crash is an internal error, not a failed check; the stack trace only with CHAT_HARNESS_DEBUG=1")
    void crash_exits_70() throws Exception {
        // Off the class path the JVM ignores the jar's Add-Opens, and Gatling cannot start: a real crash.
        String[] args = {"load", "fanout", "--target", url, "--jwt-secret", SECRET, "--report-dir",
            work.resolve("crash").toString()};
        CliProcess.Result r = CliProcess.runOffClassPath(work, Map.of(), Duration.ofSeconds(60), args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(70);
        assertThat(r.stderr()).contains("internal error: java.lang.IllegalStateException").contains("--add-opens")
                .contains("CHAT_HARNESS_DEBUG=1").doesNotContain("\tat ");

        CliProcess.Result debug = CliProcess.runOffClassPath(work, Map.of("CHAT_HARNESS_DEBUG", "1"),
                Duration.ofSeconds(60), args);
        assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(70);
        assertThat(debug.stderr()).contains("\tat dev.chatharness.load.LoadRunner");
    }

    @Test
    @DisplayName("--json: standard output of a load run is one JSON document, whatever Gatling prints")
    void load_json_stdout_is_only_json() throws Exception {
        CliProcess.Result r = smallFanout("json", "2s", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.stdout());
        assertThat(summary.path("deliveries").path("lost").asLong()).as(r.toString()).isZero();
        assertThat(r.stderr()).as("progress goes to standard error").contains("load fanout: target");
    }

    @Test
    @DisplayName("--quiet: a load run prints its verdict and report folder, and nothing of Gatling's")
    void load_quiet_prints_only_the_verdict() throws Exception {
        // 6 s: Gatling's console block (every 5 s) would have printed at least once
        CliProcess.Result r = smallFanout("quiet", "6s", "--quiet");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines()).as(r.toString()).hasSize(2)
                .satisfiesExactly(
                        verdict -> assertThat(verdict).startsWith("PASSED: "),
                        report -> assertThat(report).startsWith("report: "));
    }

    /** A fan-out of 2 rooms x 2 members at 4 msg/s against the test's server, its report in {@code reportName}. */
    private CliProcess.Result smallFanout(String reportName, String duration, String outputFlag) throws Exception {
        return CliProcess.run(work, Duration.ofMinutes(2),
                "load", "fanout", "--target", url, "--jwt-secret", SECRET, "--rooms", "2", "--members", "2",
                "--rate", "4", "--duration", duration, outputFlag, "--report-dir", work.resolve(reportName).toString());
    }

    @Test
    @DisplayName("--profile: a load run reads the target and secret from the profile conformance uses, flags over it")
    void load_reads_the_target_profile() throws Exception {
        Path profile = Files.writeString(work.resolve("load-profile.yaml"),
                "target: " + url + "\njwtSecret: " + SECRET + "\n");
        CliProcess.Result r = CliProcess.run(work, Duration.ofMinutes(2),
                "load", "fanout", "--profile", profile.toString(), "--rooms", "2", "--members", "2",
                "--rate", "4", "--duration", "2s", "--json", "--report-dir", work.resolve("profiled").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(new ObjectMapper().readTree(r.stdout()).path("deliveries").path("lost").asLong()).isZero();

        CliProcess.Result wrongSecret = CliProcess.run(work, Duration.ofMinutes(2),
                "load", "fanout", "--profile", profile.toString(), "--jwt-secret", "not-the-secret", "--rooms", "2",
                "--members", "2", "--rate", "4", "--duration", "2s", "--report-dir", work.resolve("overridden").toString());
        assertThat(wrongSecret.exitCode()).as("the flag's secret wins over the profile's: " + wrongSecret)
                .isNotZero();
    }

    @Test
    @DisplayName("SIGTERM stops 'serve' cleanly")
    void serve_stops_on_sigterm() throws Exception {
        try (CliProcess p = CliProcess.start(work, Map.of(), "serve", "--port", "0", "--jwt-secret", SECRET)) {
            p.awaitListening();
            p.process().destroy(); // SIGTERM
            assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(p.stderr()).doesNotContain("Exception");
        }
    }
}
