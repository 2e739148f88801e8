package dev.chatharness.load.simulation;

import dev.chatharness.load.fanout.TimingSink;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.function.BiConsumer;
import scala.Option;
import scala.collection.immutable.List$;

/**
 * The one place that touches Gatling internals (pinned to Gatling 3.15.1 by the root pom; GatlingBridgeTest
 * fails if an upgrade breaks it). Gatling has no public API for a custom timing, so this builder, placed first in
 * a scenario, takes two things from the {@link ScenarioContext} when Gatling builds the scenario:
 * <ul>
 *   <li>Gatling's {@link Clock}: the clock that stamps every inbound WebSocket frame. Send stamps must come from
 *       it too, or latencies mix two clocks (Gatling's is a start time plus {@code nanoTime} deltas, not
 *       {@code currentTimeMillis}).</li>
 *   <li>the {@link StatsEngine}: each fan-out delivery and each acknowledgement is logged as a response, so
 *       Gatling's report shows "fan-out latency" as its own row and {@code assertions(details(...))} can gate
 *       on it.</li>
 * </ul>
 * The builder adds no action to the chain: {@code build} returns {@code next}.
 */
public final class GatlingBridge implements ActionBuilder {

    private final BiConsumer<Clock, StatsEngine> onBuild;

    private GatlingBridge(BiConsumer<Clock, StatsEngine> onBuild) {
        this.onBuild = onBuild;
    }

    /** A chain element that hands Gatling's clock and stats engine to {@code onBuild} when the scenario is built. */
    public static GatlingBridge capture(BiConsumer<Clock, StatsEngine> onBuild) {
        return new GatlingBridge(onBuild);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                onBuild.accept(ctx.coreComponents().clock(), ctx.coreComponents().statsEngine());
                return next;
            }
        };
    }

    /** A {@link TimingSink} that logs each timing as a response of {@code scenario} in Gatling's stats. */
    public static TimingSink statsSink(StatsEngine stats, String scenario) {
        return (name, start, end, ok, message) -> stats.logResponse(
                scenario,
                List$.MODULE$.empty(),
                name,
                start,
                end,
                ok ? OK$.MODULE$ : KO$.MODULE$,
                Option.empty(),
                message == null ? Option.empty() : Option.apply(message));
    }
}
