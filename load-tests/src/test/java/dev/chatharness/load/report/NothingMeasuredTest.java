package dev.chatharness.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A run that measured nothing is not a pass, whatever thresholds were asked for. */
class NothingMeasuredTest {
    private static final FanOutSummary.Latency NONE = FanOutSummary.Latency.of(new Histogram(3));

    @Test
    @DisplayName("a fan-out run that sent no measured message fails, and says why")
    void a_fanout_run_without_measured_sends_fails() {
        FanOutSummary summary = summary("fanout", 0);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.thresholds().broken()).singleElement().asString()
                .contains("no message was sent in the measured phase").contains("nothing was measured");
    }

    @Test
    @DisplayName("the same run with sends passes when no threshold was asked for")
    void a_fanout_run_with_sends_passes() {
        assertThat(summary("fanout", 40).passed()).isTrue();
    }

    @Test
    @DisplayName("a connection storm sends no messages by design: it is judged on its connections alone")
    void a_storm_without_messages_passes() {
        assertThat(summary("connections", 0).passed()).isTrue();
    }

    private static FanOutSummary summary(String scenario, long sent) {
        FanOutSummary.Deliveries deliveries = new FanOutSummary.Deliveries(sent * 9, sent * 9, 0, 0, 0, 0, 0);
        FanOutSummary.Messages messages = new FanOutSummary.Messages(sent, sent, 0, 0, null, 0);
        FanOutSummary.Connections connections = new FanOutSummary.Connections(10, 10, 0, 0, NONE, 0L);
        return FanOutSummary.assemble(scenario, "http://127.0.0.1:8080", "run", List.of("0/1"), 1, 10, 3200, 15,
                "2026-12-07T00:00:00Z", "2026-12-07T00:00:02Z", 15, 0, NONE, sent * 9 / 15.0, deliveries, messages,
                connections, Map.of(), null, null);
    }
}
