package dev.chatharness.socketio.testing;

import dev.chatharness.socketio.echo.ProtocolEchoServer;
import dev.chatharness.socketio.engine.EngineServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The protocol-echo server on 127.0.0.1 for one test class, with a raw HTTP client on one of its paths
 * ({@code /engine.io/} or {@code /socket.io/}). Register it as a static field with {@code @RegisterExtension}.
 * Heartbeat and connect timeout are 20 s, so that no edge case races them.
 */
public final class EchoServer implements BeforeAllCallback, AfterAllCallback {
    private static final Duration LONG = Duration.ofSeconds(20);

    private final String path;
    private ProtocolEchoServer server;
    private RawHttp http;
    /** The class that started the server; its {@code @Nested} classes inherit the extension and share it. */
    private String owner;

    public EchoServer(String path) {
        this.path = path;
    }

    /** The query of a polling request of session {@code sid}. */
    public static String pollingQuery(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = ProtocolEchoServer.start("127.0.0.1", 0, LONG, LONG, LONG);
            http = new RawHttp("http://127.0.0.1:" + server.port() + path);
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            server.close();
            server = null;
        }
    }

    /** Its Engine.IO server, for checks of a session's state. */
    public EngineServer engine() {
        return server.engineOnly();
    }

    public int port() {
        return server.port();
    }

    public RawHttp http() {
        return http;
    }
}
