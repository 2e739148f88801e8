package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import scala.collection.Iterator;
import scala.concurrent.duration.FiniteDuration;

/** The start times Gatling itself derives from the steps, as its injector chains them. */
class ArrivalsTest {

    @Test
    void gatlings_own_ramp_counts_whole_seconds_only() {
        // Why Arrivals exists: if this starts failing, Gatling schedules sub-second ramps itself now.
        assertThat(startsMillis(rampUsers(9).during(Duration.ofMillis(900)))).isEmpty();
        assertThat(startsMillis(rampUsers(2500).during(Duration.ofMillis(2500)))).allMatch(t -> t < 2000);
    }

    @Test
    void a_connect_phase_under_a_second_starts_every_user_within_a_second() {
        Arrivals arrivals = Arrivals.of(9, Duration.ofMillis(900));

        List<Long> starts = startsMillis(arrivals.steps());

        assertThat(starts).hasSize(9).allMatch(t -> t >= 0 && t < 1000);
        assertThat(arrivals.span()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_fractional_span_keeps_the_rate_and_takes_the_remainder_one_second_more() {
        Arrivals arrivals = Arrivals.of(2500, Duration.ofMillis(2500)); // 1,000 a second

        List<Long> starts = startsMillis(arrivals.steps());

        assertThat(starts).hasSize(2500).allMatch(t -> t < 3000);
        assertThat(perSecond(starts)).isEqualTo(Map.of(0L, 1000, 1L, 1000, 2L, 500));
        assertThat(arrivals.span()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void an_uneven_rate_is_never_exceeded_in_any_second() {
        Arrivals arrivals = Arrivals.of(1000, Duration.ofMillis(3333)); // 300.03 a second

        List<Long> starts = startsMillis(arrivals.steps());

        assertThat(starts).hasSize(1000);
        assertThat(perSecond(starts).values()).allMatch(n -> n <= 301);
        assertThat(arrivals.span()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_span_of_whole_seconds_is_one_plain_ramp() {
        Arrivals arrivals = Arrivals.of(2000, Duration.ofSeconds(2));

        assertThat(arrivals.steps()).hasSize(1);
        assertThat(perSecond(startsMillis(arrivals.steps()))).isEqualTo(Map.of(0L, 1000, 1L, 1000));
        assertThat(arrivals.span()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_single_user_in_a_long_span_starts_in_the_first_second() {
        Arrivals arrivals = Arrivals.of(1, Duration.ofMillis(1500));

        assertThat(startsMillis(arrivals.steps())).singleElement().matches(t -> t < 1000);
        assertThat(arrivals.span()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void no_user_or_no_span_is_refused() {
        assertThatThrownBy(() -> Arrivals.of(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arrivals.of(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The steps folded as Gatling's open injection profile folds them: each next step after the previous one. */
    private static List<Long> startsMillis(OpenInjectionStep... steps) {
        Iterator<FiniteDuration> chained = Iterator.empty();
        for (int i = steps.length - 1; i >= 0; i--) {
            chained = steps[i].asScala().chain(chained);
        }
        List<Long> starts = new ArrayList<>();
        while (chained.hasNext()) {
            starts.add(chained.next().toMillis());
        }
        return starts;
    }

    private static Map<Long, Integer> perSecond(List<Long> startsMillis) {
        Map<Long, Integer> counts = new TreeMap<>();
        startsMillis.forEach(t -> counts.merge(t / 1000, 1, Integer::sum));
        return counts;
    }
}
