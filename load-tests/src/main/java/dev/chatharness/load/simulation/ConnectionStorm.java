package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.chatharness.load.LoadOptions;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Ramps to R x M authenticated connections at {@code rate} new connections a second, measures each one's
 * handshake-to-connected latency (TCP + WebSocket upgrade + Engine.IO open + Socket.IO CONNECT with the token,
 * up to the server's {@code 40}), and holds them all for {@code duration} after the ramp, answering pings.
 */
public final class ConnectionStorm extends ChatSimulation {

    static final String NAME = "connection-storm";

    public ConnectionStorm() {
        LoadOptions c = run.options();
        ScenarioBuilder storm = scenario(NAME)
                .exec(GatlingBridge.capture((clock, stats) -> run.attach(clock, stats, NAME)))
                .feed(run.feeder())
                .exec(SocketIoChains.connect(run, false))
                .exec(SocketIoChains.listenUntil(run, LoadRun::holdEnd, java.time.Duration.ofSeconds(1)))
                .exec(SocketIoChains.close());
        setUp(storm.injectOpen(rampUsers(run.plan().socketCount()).during(c.effectiveRampUp())))
                .protocols(protocol())
                .maxDuration(maxDuration());
    }
}
