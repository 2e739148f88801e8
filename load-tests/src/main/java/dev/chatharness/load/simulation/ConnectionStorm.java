package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Ramps to R x M authenticated connections at {@code rate} new connections a second, measures each one's
 * handshake-to-connected latency (TCP + WebSocket upgrade + Engine.IO open + Socket.IO CONNECT with the token,
 * up to the server's {@code 40}), and holds them all for {@code duration} after the ramp, answering pings.
 *
 * <p>No frame is read after the connect: a storm's figures are its connects, and the events the target sends
 * meanwhile (each user's contacts coming online) are dropped on arrival rather than buffered and drained. Draining
 * them cost a sixth of the generator's CPU per connect in a storm of 2,000 sockets at 1,000 a second (medians
 * of three A/B turns, 1,760 against 1,475 µs).
 */
public final class ConnectionStorm extends ChatSimulation {

    static final String NAME = "connection-storm";

    public ConnectionStorm() {
        ScenarioBuilder storm = scenario(NAME)
                .exec(GatlingBridge.capture((clock, stats) -> run.attach(clock, stats, NAME)))
                .feed(run.feeder())
                .exec(SocketIoChains.connect(run, false))
                .exec(SocketIoChains.holdUntil(run, LoadRun::holdEnd))
                .exec(SocketIoChains.close());
        setUp(storm.injectOpen(run.arrivals().steps()))
                .protocols(protocol(0))
                .maxDuration(maxDuration());
    }
}
