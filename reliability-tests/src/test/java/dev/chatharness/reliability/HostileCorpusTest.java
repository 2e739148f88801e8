package dev.chatharness.reliability;

import dev.chatharness.conformance.hostile.HostileCorpus;
import dev.chatharness.conformance.hostile.RobustnessConformance;
import dev.chatharness.reliability.support.SuiteLauncher;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, item 2: the conformance suite's {@code robustness} group (the hostile-input corpus) against the
 * reference server, in-process on port 0.
 */
@Timeout(170)
class HostileCorpusTest {
    private static final String SECRET = "hostile-corpus-secret";

    @Test
    @DisplayName("the corpus holds at least 200 cases")
    void corpus_is_big_enough() {
        int cases = HostileCorpus.load("c").values().stream().mapToInt(java.util.List::size).sum();
        System.out.println("hostile corpus: " + cases + " cases in " + HostileCorpus.load("c").keySet());
        assertThat(cases).isGreaterThanOrEqualTo(200);
    }

    @Test
    @DisplayName("the reference server refuses every hostile input cleanly while a healthy client keeps chatting")
    void reference_server_survives_the_corpus() {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).build())) {
            long start = System.nanoTime();
            TestExecutionSummary summary = SuiteLauncher.run(RobustnessConformance.class, server.baseUrl(), SECRET);
            System.out.printf("hostile corpus against the reference server: %d files, %d failed, %.1f s%n",
                    summary.getTestsFoundCount(), summary.getTestsFailedCount(), (System.nanoTime() - start) / 1e9);
            assertThat(summary.getTestsFoundCount()).as("dynamic tests (one per corpus file)").isGreaterThanOrEqualTo(8);
            assertThat(summary.getTestsFailedCount()).as(SuiteLauncher.describe(summary)).isZero();
            assertThat(summary.getTestsSucceededCount()).isEqualTo(summary.getTestsFoundCount());
        }
    }
}
