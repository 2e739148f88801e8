package dev.chatharness.examples;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.util.List;
import java.util.UUID;

/** The reference server, in-process on a free port, as the target of this module's example tests. */
final class ReferenceTarget implements ExampleTarget {
    private final ChatServer server;
    private final String secret;

    private ReferenceTarget(ChatServer server, String secret) {
        this.server = server;
        this.secret = secret;
    }

    /** A fresh server with its own secret; {@code allowedOrigin} null allows no Origin. */
    static ReferenceTarget start(String allowedOrigin) {
        String secret = "examples-" + UUID.randomUUID();
        ServerConfig.Builder config = ServerConfig.builder().port(0).jwtSecret(secret);
        if (allowedOrigin != null) {
            config.allowedOrigins(List.of(allowedOrigin));
        }
        return new ReferenceTarget(ChatServer.start(config.build()), secret);
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public String jwtSecret() {
        return secret;
    }

    @Override
    public void close() {
        server.close();
    }
}
