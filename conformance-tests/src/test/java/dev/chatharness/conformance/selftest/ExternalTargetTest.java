package dev.chatharness.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code mvn -pl conformance-tests verify -Dchat.target=URL -Dchat.jwtSecret=S} (or {@code -Dchat.tokensFile=F}):
 * the suite against that target, reports in {@code target/conformance-report}. Optional
 * {@code -Dchat.profile=FILE} and {@code -Dchat.tags=a,b}; every profile key also works as {@code -Dchat.KEY}
 * or {@code CHAT_KEY}. Without {@code chat.target} this does nothing and the self-test runs instead.
 */
@EnabledIfSystemProperty(named = "chat.target", matches = ".+")
class ExternalTargetTest {

    @Test
    void the_suite_passes_against_the_given_target() {
        String profileFile = System.getProperty("chat.profile", "");
        TargetProfile profile = profileFile.isBlank() ? TargetProfile.fromEnvironment()
                : TargetProfile.load(Path.of(profileFile));
        Set<String> tags = Arrays.stream(System.getProperty("chat.tags", "").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        ConformanceResult result = ConformanceRunner.run(profile, tags, Path.of("target/conformance-report"), System.out);
        assertThat(result.status()).as(result.message()).isNotIn(ConformanceResult.Status.UNREACHABLE,
                ConformanceResult.Status.BAD_PROFILE);
        assertThat(result.failures()).as("conformance failures (see target/conformance-report)")
                .extracting(TestOutcome::line).isEmpty();
    }
}
