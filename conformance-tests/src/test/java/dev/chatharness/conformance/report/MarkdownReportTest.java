package dev.chatharness.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.TargetCrash;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @TempDir
    Path dir;

    @Test
    void a_failure_is_reported_with_its_clause_expected_and_observed() throws IOException {
        TestOutcome failed = new TestOutcome("isolation", "§3 No room event crosses tenants", "TenancyConformance#x",
                TestOutcome.Status.FAILED, "[tenant A's messages that reached b0] Expecting empty but was: [{\"body\":\"s\"}]",
                Duration.ofMillis(12));
        TestOutcome passed = new TestOutcome("auth", "§2 A | in a clause", "A#b", TestOutcome.Status.PASSED, "",
                Duration.ofMillis(3));
        TestOutcome skipped = new TestOutcome("auth", "§2 expiry", "A#c", TestOutcome.Status.SKIPPED,
                "needs minted tokens", Duration.ZERO);
        ConformanceResult result = new ConformanceResult(ConformanceResult.Status.FAILED, "3 tests",
                List.of(failed, passed, skipped), Duration.ofSeconds(2), Optional.empty(), Optional.empty());
        TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(),
                Map.of("target", "http://127.0.0.1:1", "jwtSecret", "s"));
        String md = Files.readString(MarkdownReport.write(dir.resolve("r.md"), profile, result, Instant.EPOCH));
        assertThat(md).contains("**FAILED** (exit code 1): 1 passed, 1 failed, 1 skipped")
                .contains("| isolation | 0 | 1 | 0 | 0 |").contains("| auth | 1 | 0 | 1 | 0 |")
                .doesNotContain("Security finding")
                .contains("### §3 No room event crosses tenants")
                .contains("- expected: §3 No room event crosses tenants (check: tenant A's messages that reached b0)")
                .contains("- observed: Expecting empty but was: [{\"body\":\"s\"}]")
                .contains("- [auth] §2 expiry: needs minted tokens")
                .contains("§2 A \\| in a clause")
                .doesNotContain("jwtSecret").doesNotContain("| s |");
    }

    @Test
    void a_crash_comes_first_as_a_security_finding_with_its_input_and_mitigation() throws IOException {
        TestOutcome found = new TestOutcome("robustness", "§4.5 Malformed inputs: huge.jsonl", "RobustnessConformance#h",
                TestOutcome.Status.FAILED, "target stopped answering after hostile case huge.jsonl#many-args: EVENT with"
                + " 100,000 arguments", Duration.ofSeconds(3));
        TestOutcome notRun = new TestOutcome("security", "§2.1 alg none", "TokenAttackConformance#a",
                TestOutcome.Status.NOT_RUN, "not run: the target stopped answering", Duration.ZERO);
        TargetCrash crash = new TargetCrash("hostile case huge.jsonl#many-args: EVENT with 100,000 arguments",
                Optional.of("421[\"typing\",{},{},..."), "Refuse packets with too many arguments.", Instant.EPOCH);
        ConformanceResult result = new ConformanceResult(ConformanceResult.Status.FAILED, "crashed",
                List.of(found, notRun), Duration.ofSeconds(4), Optional.empty(), Optional.of(crash));
        TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(),
                Map.of("target", "http://127.0.0.1:1", "jwtSecret", "s"));
        String md = Files.readString(MarkdownReport.write(dir.resolve("r.md"), profile, result, Instant.EPOCH));
        assertThat(md.indexOf("## Security finding: the target stopped answering")).as("the crash section")
                .isPositive().isLessThan(md.indexOf("## Groups")).isLessThan(md.indexOf("## Failures"));
        assertThat(md).contains("The target stopped answering after hostile case huge.jsonl#many-args: EVENT with 100,000"
                        + " arguments")
                .contains("- input: `421[\"typing\",{},{},...`")
                .contains("- mitigation: Refuse packets with too many arguments.")
                .contains("1 later tests were not run")
                .contains("0 passed, 1 failed, 0 skipped, 1 not run")
                .contains("| security | 0 | 0 | 0 | 1 |");
    }

    @Test
    void failure_details_are_folded_into_one_line() {
        assertThat(OutcomeListener.describe(new AssertionError("[what]\nexpected: 1\n but was: 2")))
                .isEqualTo("[what] expected: 1 but was: 2");
        assertThat(OutcomeListener.describe(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
        assertThat(OutcomeListener.oneLine("x".repeat(1000))).hasSize(403);
    }
}
