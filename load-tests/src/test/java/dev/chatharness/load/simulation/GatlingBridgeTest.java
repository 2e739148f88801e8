package dev.chatharness.load.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.fanout.TimingSink;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.Clock;
import io.gatling.commons.util.DefaultClock;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * Guards the one use of Gatling internals (see {@link GatlingBridge}): if a Gatling upgrade changes the
 * ScenarioContext, CoreComponents or StatsEngine.logResponse shapes, this fails to compile or to pass.
 */
class GatlingBridgeTest {

    private final List<Object[]> logged = new ArrayList<>();
    private final StatsEngine stats = (StatsEngine) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {StatsEngine.class}, (proxy, method, args) -> {
                if (method.getName().equals("logResponse")) {
                    logged.add(args);
                }
                return null;
            });

    @Test
    void building_hands_over_gatlings_clock_and_stats_engine_and_adds_no_action() {
        Clock clock = new DefaultClock();
        CoreComponents core = new CoreComponents(null, null, null, Option.empty(), stats, clock, null, null);
        ScenarioContext ctx = new ScenarioContext(core, null, null, false);
        Action next = (Action) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Action.class},
                (proxy, method, args) -> null);
        AtomicReference<Clock> seenClock = new AtomicReference<>();
        AtomicReference<StatsEngine> seenStats = new AtomicReference<>();

        Action built = GatlingBridge.capture((c, s) -> {
            seenClock.set(c);
            seenStats.set(s);
        }).asScala().build(ctx, next);

        assertThat(built).isSameAs(next);
        assertThat(seenClock.get()).isSameAs(clock);
        assertThat(seenStats.get()).isSameAs(stats);
    }

    @Test
    void the_sink_logs_a_response_row_with_status_and_message() {
        TimingSink sink = GatlingBridge.statsSink(stats, "fan-out");
        sink.record("fan-out latency", 1000, 1007, true, null);
        sink.record("message ack", 2000, 2003, false, "rate_limited");

        assertThat(logged).hasSize(2);
        Object[] ok = logged.get(0);
        assertThat(ok[0]).isEqualTo("fan-out");
        assertThat(ok[2]).isEqualTo("fan-out latency");
        assertThat(ok[3]).isEqualTo(1000L);
        assertThat(ok[4]).isEqualTo(1007L);
        assertThat(ok[5]).isSameAs(OK$.MODULE$);
        assertThat(((Option<?>) ok[7]).isEmpty()).isTrue();
        Object[] ko = logged.get(1);
        assertThat(ko[5]).isSameAs(KO$.MODULE$);
        assertThat(((Option<?>) ko[7]).get()).isEqualTo("rate_limited");
    }
}
