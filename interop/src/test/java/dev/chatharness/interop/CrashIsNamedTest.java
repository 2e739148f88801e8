package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The crash the suite found in the server Chat v2 ships, reproduced on the real stack: the Node target with socket.io's
 * stock parser (no argument-count guard) dies of the hostile corpus's {@code many-args} case, one EVENT with 100,000
 * arguments. The CLI must say so once, first, naming that case; count the later tests as not run; exit 1; and open its
 * report with the security finding.
 */
class CrashIsNamedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_stock_socket_io_server_dies_of_many_arguments_and_the_cli_names_the_case() throws Exception {
        try (TargetProcess node = TargetProcess.start(ForeignTarget.NODE,
                TargetProcess.Settings.standard().withFault("stock-parser"), "node-stock-parser")) {
            Cli.Result result = Cli.run("crash-stock-parser", List.of("conformance", "--target", node.url(), "--jwt-secret",
                    node.jwtSecret(), "--tags", "robustness,security", "--report-dir", "reports/crash-stock-parser", "--json"),
                    Map.of("CHAT_JWT_ISSUER", TargetProcess.Settings.ISSUER, "CHAT_JWT_AUDIENCE",
                            TargetProcess.Settings.AUDIENCE), Duration.ofMinutes(5));

            assertThat(node.alive()).as("the Node process after the corpus (its log:\n" + node.log() + ")").isFalse();
            assertThat(node.log()).as("the Node process's last words").contains("RangeError: Maximum call stack size exceeded");
            assertThat(result.exitCode()).as(result.transcript()).isEqualTo(1);
            JsonNode json = JSON.readTree(result.out());
            assertThat(json.path("crash").path("summary").asText()).as(result.transcript()).isEqualTo(
                    "target stopped answering after hostile case huge.jsonl#many-args: EVENT with 100,000 arguments");
            assertThat(json.path("crash").path("mitigation").asText()).contains("number of arguments");
            assertThat(json.path("notRun").asLong()).as("tests after the crash, not run").isPositive();
            assertThat(json.path("failed").asLong()).as("failures: the one test that saw the crash").isEqualTo(1);
            assertThat(result.err().split("CRASH: target stopped answering", -1)).as("CRASH lines on the progress output:\n"
                    + result.err()).hasSize(2);
            assertThat(result.err()).doesNotContain("ConnectException");
            String report = Files.readString(Interop.buildDir().resolve("reports/crash-stock-parser/conformance-report.md"));
            assertThat(report.indexOf("## Security finding: the target stopped answering")).isPositive()
                    .isLessThan(report.indexOf("## Groups"));
        }
    }
}
