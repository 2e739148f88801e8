package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.chatharness.load.LoadOptions;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * R rooms of M members. Every member joins its room, then sends {@code message} on an open-model schedule
 * (rate / (R x M) a second each, spread evenly), stamped with the slot's intended time; every other member of the
 * room records the delivery's latency. Settings: {@link LoadOptions}.
 */
public final class FanOut extends ChatSimulation {

    static final String NAME = "fan-out";

    public FanOut() {
        LoadOptions c = run.options();
        ChainBuilder sendMessage = exec(ws("message").sendText(s -> SocketIoChains.state(s).sendMessage(
                run.intendedSendMillis(SocketIoChains.member(s), SocketIoChains.state(s).sendCount()),
                run.now(), c.bodySize())));
        ScenarioBuilder fanOut = scenario(NAME)
                .exec(GatlingBridge.capture((clock, stats) -> run.attach(clock, stats, NAME)))
                .feed(run.feeder())
                .exec(SocketIoChains.connect(run, true))
                .exec(SocketIoChains.awaitSendPhase(run))
                .exec(SocketIoChains.sendLoop(run, sendMessage))
                .exec(SocketIoChains.listenUntil(run, LoadRun::listenEnd))
                .exec(SocketIoChains.close());

        SetUp setUp = setUp(fanOut.injectOpen(run.arrivals().steps()))
                .protocols(protocol())
                .maxDuration(maxDuration());
        if (c.maxP99Ms() != null && c.gatlingFanoutRow()) {
            setUp.assertions(details("fan-out latency").responseTime().percentile(99.0)
                    .lte((int) Math.ceil(c.maxP99Ms())));
        }
    }
}
