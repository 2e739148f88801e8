package dev.chatharness.conformance.doctor;

import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.ConnectOutcome;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.User;
import java.util.List;
import java.util.Map;

/**
 * The Origin the deployment's web app sends (the profile's {@code allowedOrigin}, {@code check --origin}): is it
 * let through, and if not, who refused it: something in front of the server (its own error page) or the server
 * (an Engine.IO error or a Socket.IO CONNECT_ERROR)?
 */
final class OriginProbe {

    private OriginProbe() {
    }

    static List<Verdict> run(Examination e, User user) {
        if (e.profile.allowedOrigin().isEmpty()) {
            return List.of(Verdict.skipped("origin", "no Origin to try: give the web app's with --origin URL "
                    + "(allowedOrigin in the profile)."));
        }
        String origin = e.profile.allowedOrigin().get();
        if (e.pollingWorks) {
            EngineAnswer answer = EngineAnswer.handshake(e.http.anotherClient(), Map.of("Origin", origin));
            if (!answer.opened()) {
                boolean server = answer.engineError();
                return List.of(Verdict.fault("origin", Fault.ORIGIN_REFUSED, "a handshake with Origin " + origin + " was "
                        + "refused by " + (server ? "the Socket.IO server" : "something in front of the server") + " ("
                        + answer.describe() + ").", server
                        ? "add " + origin + " to the server's allowed origins (Socket.IO's cors.origin or allowRequest)."
                        : "allow " + origin + " in the gateway's or proxy's origin (CORS) rules."));
            }
        }
        try (ChatSocket socket = e.target.open(ConnectOptions.as(user).origin(origin).transports(e.workingTransports())
                .upgrade(false))) {
            ConnectOutcome outcome = socket.outcome();
            if (outcome.kind() == ConnectOutcome.Kind.CONNECTED) {
                return List.of(Verdict.ok("origin", "a client from " + origin + " connects."));
            }
            boolean server = outcome.kind() == ConnectOutcome.Kind.REFUSED;
            return List.of(Verdict.fault("origin", Fault.ORIGIN_REFUSED, "a client from " + origin + " could not connect: "
                    + (server ? "the server refused it (" + Json.brief(outcome.payload()) + ")"
                    : "its handshake failed (" + outcome.detail() + ")") + ".", server
                    ? "add " + origin + " to the server's allowed origins."
                    : "allow " + origin + " in the server's and the gateway's origin (CORS) rules."));
        }
    }
}
