package dev.chatharness.load;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.net.URI;

/** The reference server on 127.0.0.1 and a free port, in this JVM, with its default (contract) limits. */
public final class ReferenceTarget implements AutoCloseable {

    public static final String SECRET = "load-tests-secret-0123456789abcdef";

    private final ChatServer server;

    public ReferenceTarget() {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).jwtSecret(SECRET).build());
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }
}
