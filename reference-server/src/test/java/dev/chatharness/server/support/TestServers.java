package dev.chatharness.server.support;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;

import java.util.function.UnaryOperator;

/** Starts servers on port 0 with a private in-memory database. */
public final class TestServers {
    private TestServers() {
    }

    public static ChatServer start() {
        return start(b -> b);
    }

    public static ChatServer start(UnaryOperator<ServerConfig.Builder> customize) {
        return ChatServer.start(customize.apply(ServerConfig.builder().port(0).jwtSecret(Tokens.SECRET)).build());
    }
}
