package dev.chatharness.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.server.ChatServer;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The whole suite against the healthy reference server: everything passes, nothing is skipped. */
/* With -Dchat.target the run is about that target (ExternalTargetTest), not about the suite itself. */
@DisabledIfSystemProperty(named = "chat.target", matches = ".+")
class HealthyReferenceServerTest {

    @Test
    void the_whole_suite_passes_against_the_healthy_reference_server() {
        try (ChatServer server = SelfTestTargets.start(Set.of())) {
            TargetProfile profile = SelfTestTargets.profileFor(server);
            ConformanceResult result = ConformanceRunner.run(profile, Set.of(), Path.of("target/conformance-healthy"),
                    System.out);
            assertThat(result.failures()).as("failures against the healthy server")
                    .extracting(TestOutcome::line).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.tests().stream().filter(t -> t.status() == TestOutcome.Status.SKIPPED)
                    .map(TestOutcome::line).collect(Collectors.toList())).as("skipped tests").isEmpty();
            assertThat(result.tests()).hasSizeGreaterThan(100);
        }
    }
}
