package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetProfile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * The pre-check before a run: is anything answering {@code GET /health}, and does a Socket.IO
 * handshake with a valid token succeed? Each problem comes back as one sentence saying what to fix.
 */
public final class ReachabilityProbe {

    private ReachabilityProbe() {
    }

    /**
     * Empty when the target is ready; otherwise what is wrong and what to do about it. A target whose Socket.IO
     * handshake works is ready even when {@code /health} or one transport is broken: those are findings of the
     * suite's own checks (§1.6, §1.1, §1.2), reported as failures rather than as "unreachable".
     */
    public static Optional<String> check(Clients clients) {
        TargetProfile profile = clients.profile;
        String url = profile.target().toString();
        try (Target target = clients.newTarget()) {
            String healthProblem = null;
            try {
                RestResponse health = target.rest().get("/health", null);
                if (health.status() != 200 || !"ok".equals(health.body().path("status").asText())) {
                    healthProblem = "GET " + url + "/health answered " + health.status() + " " + health.rawBody()
                            + " instead of 200 {\"status\":\"ok\"}";
                }
            } catch (RuntimeException e) {
                return Optional.of(describe(url, e.getCause() != null ? e.getCause() : e, profile));
            } catch (AssertionError e) {
                healthProblem = "GET " + url + "/health did not answer the contract's error shape: " + e.getMessage();
            }
            User user = target.tenants().a().user(0);
            ConnectOutcome outcome = target.open(ConnectOptions.as(user)).outcome();
            if (outcome.kind() == ConnectOutcome.Kind.TRANSPORT_ERROR || outcome.kind() == ConnectOutcome.Kind.TIMEOUT) {
                ConnectOutcome polling = target.open(ConnectOptions.as(user).transports("polling").upgrade(false)).outcome();
                outcome = polling.kind() == ConnectOutcome.Kind.TRANSPORT_ERROR ? outcome : polling;
            }
            if (outcome.kind() == ConnectOutcome.Kind.REFUSED) {
                // A target that only reads the header (or only the auth payload) breaks §2.2 or §2.3, not reachability.
                ConnectOutcome header = target.open(ConnectOptions.as(user)
                        .tokenIn(ConnectOptions.TokenPlacement.AUTHORIZATION_HEADER)).outcome();
                outcome = header.kind() == ConnectOutcome.Kind.CONNECTED ? header : outcome;
            }
            String hint = healthProblem == null ? "" : "; also " + healthProblem;
            return switch (outcome.kind()) {
                case CONNECTED -> Optional.empty();
                case REFUSED -> Optional.of("the target refused a valid token's Socket.IO handshake (" + outcome.payload()
                        + "): " + (profile.mintsTokens()
                        ? "is the JWT secret the target's secret (and jwtIssuer/jwtAudience what it expects)?"
                        : "are the pre-issued tokens for this target and not expired?") + hint);
                case TRANSPORT_ERROR, TIMEOUT -> Optional.of(healthProblem != null
                        ? healthProblem + ", and the Socket.IO handshake at " + url + profile.socketPath() + " failed ("
                        + outcome.detail() + "); is " + url + " the base URL of a Chat v2 server?"
                        : "GET /health works but the Socket.IO handshake at " + url + profile.socketPath() + " failed ("
                        + outcome.detail() + ") over WebSocket and long-polling; check socketPath and namespace");
            };
        }
    }

    private static String describe(String url, Throwable cause, TargetProfile profile) {
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return "nothing is listening at " + url + " (" + cause.getClass().getSimpleName()
                    + "): start the target or fix the target URL";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot resolve the host of " + url + ": fix the target URL";
        }
        if (cause instanceof HttpTimeoutException) {
            return "GET " + url + "/health got no answer within " + profile.eventTimeout().toMillis()
                    + " ms: is the target overloaded or the URL wrong?";
        }
        if (cause instanceof IOException) {
            return "GET " + url + "/health failed: " + cause + "; check the target URL (http vs https?)";
        }
        return "GET " + url + "/health failed: " + cause;
    }
}
