package dev.chatharness.load.simulation;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.chatharness.load.LoadOptions;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    HttpProtocolBuilder protocol() {
        String base = run.options().target().toString().replaceAll("/+$", "");
        HttpProtocolBuilder protocol = http
                .baseUrl(base)
                .wsBaseUrl(base.replaceFirst("^http", "ws"))
                .wsAutoReplySocketIo4()
                .wsUnmatchedInboundMessageBufferSize(INBOUND_BUFFER)
                // Gatling would otherwise GET https://gatling.io before the run.
                .disableWarmUp()
                .acceptHeader("application/json");
        // Gatling adds an Origin header by default; the contract refuses origins not on the target's allow-list.
        String origin = run.options().origin();
        return origin == null ? protocol.disableAutoOrigin() : protocol.originHeader(origin);
    }

    /** An upper bound for the whole simulation, so a stuck target cannot hold the run forever. */
    Duration maxDuration() {
        LoadOptions c = run.options();
        return c.effectiveRampUp().plus(c.connectTimeout()).plus(c.duration()).plus(c.grace())
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
