package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.report.FanOutSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short ChatMix against the in-process reference server: every action acknowledged, no delivery lost. */
class ChatMixSmokeTest {

    private static ReferenceTarget target;

    @BeforeAll
    static void start() {
        target = new ReferenceTarget();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    @Timeout(90)
    void mixes_messages_typing_receipts_presence_and_rest_without_losing_deliveries() throws Exception {
        SmokeRuns.Run run = SmokeRuns.run(SmokeRuns.smallRun(Scenario.MIX, target, "mix").maxLost(0L).build());
        FanOutSummary s = run.result().summary();

        assertThat(run.result().status()).as(run.printed()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(s.messages().sent()).isPositive();
        assertThat(s.deliveries().received()).isEqualTo(s.deliveries().expected());
        assertThat(s.actions()).containsKeys("typing ok", "presence-update ok");
        assertThat(s.actions().keySet()).noneMatch(k -> k.endsWith("failed"));
        assertThat(SmokeRuns.gatlingRowCount(run.result().reportDir(), "GET messages")).hasValueSatisfying(
                count -> assertThat(count).isPositive());
    }
}
