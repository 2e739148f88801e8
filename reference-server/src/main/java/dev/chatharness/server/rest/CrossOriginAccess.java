package dev.chatharness.server.rest;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * Lets browser pages served from an allowed origin use the server: CORS headers on REST and on
 * Socket.IO's HTTP long-polling requests, and answers to preflight requests.
 *
 * <p>The same allow-list decides who may open a Socket.IO connection at all (the handshake's Origin
 * check): an origin is trusted for both or for neither. With an empty list nothing is added, so a
 * browser on another origin can neither read REST answers nor poll.
 */
public final class CrossOriginAccess {
    /** Headers a browser client needs to read: rate-limit advice and the reason for a 401. */
    private static final List<String> EXPOSED = List.of("Retry-After", "RateLimit", "RateLimit-Policy", "WWW-Authenticate");

    private CrossOriginAccess() {
    }

    public static void install(JavalinConfig config, List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) {
            return;
        }
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            rule.allowHost(allowedOrigins.get(0), allowedOrigins.subList(1, allowedOrigins.size()).toArray(String[]::new));
            // socket.io-client sends polling requests withCredentials (cookies for sticky sessions).
            rule.allowCredentials = true;
            EXPOSED.forEach(rule::exposeHeader);
        }));
    }
}
