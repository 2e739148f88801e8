package dev.chatharness.load.simulation;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.load.LoadOptions;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * What the three scenarios share: the run (prepared by the {@link dev.chatharness.load.LoadRunner}, or here when
 * Gatling is started directly, e.g. by its Maven plugin), the HTTP/WebSocket protocol, and the report at the end.
 */
abstract class ChatSimulation extends Simulation {

    /** Unmatched frames a socket may buffer between two drains (at most ~100 ms apart). */
    static final int INBOUND_BUFFER = 10_000;

    final LoadRun run;
    private final boolean ownsRun;

    ChatSimulation() {
        LoadRun registered = LoadRun.lookup(System.getProperty(LoadConfig.PREFIX + "runId"));
        if (registered != null) {
            run = registered;
            ownsRun = false;
        } else {
            try {
                run = LoadRun.prepare(LoadConfig.fromSystemProperties());
            } catch (IOException e) {
                throw new UncheckedIOException("setting the run up on the target failed", e);
            }
            LoadRun.register(run);
            ownsRun = true;
        }
    }

    /** The protocol of scenarios that read their sockets' frames: each socket buffers them until its next drain. */
    HttpProtocolBuilder protocol() {
        return protocol(INBOUND_BUFFER);
    }

    /**
     * As above with room for {@code unmatchedBuffer} frames per socket; 0 drops each frame no check waits for as
     * soon as it arrives, for scenarios that read none (pings are still answered).
     */
    HttpProtocolBuilder protocol(int unmatchedBuffer) {
        URI target = run.options().target();
        String base = target.toString().replaceAll("/+$", "");
        // The socket path is absolute on the host (a client's path option), so WebSockets start from the origin.
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        HttpProtocolBuilder protocol = http
                .baseUrl(base)
                .wsBaseUrl(origin.replaceFirst("^http", "ws"))
                .wsAutoReplySocketIo4()
                .wsUnmatchedInboundMessageBufferSize(unmatchedBuffer)
                // Gatling would otherwise GET https://gatling.io before the run.
                .disableWarmUp()
                .acceptHeader("application/json");
        // The gateway's headers, on REST calls and WebSocket handshakes alike.
        for (HttpHeader header : run.options().headers()) {
            protocol = protocol.header(header.name(), header.value());
        }
        // Gatling adds an Origin header by default; the contract refuses origins not on the target's allow-list.
        String allowedOrigin = run.options().origin();
        return allowedOrigin == null ? protocol.disableAutoOrigin() : protocol.originHeader(allowedOrigin);
    }

    /** An upper bound for the whole simulation, so a stuck target cannot hold the run forever. */
    Duration maxDuration() {
        LoadOptions c = run.options();
        return run.arrivals().span().plus(c.connectTimeout()).plus(c.duration()).plus(c.grace())
                .plus(Duration.ofSeconds(30));
    }

    @Override
    public void after() {
        try {
            run.finish();
        } finally {
            if (ownsRun) {
                LoadRun.unregister(run);
            }
        }
    }
}
