package dev.chatharness.socketio.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.RequestFilter;
import dev.chatharness.socketio.SocketIoOptions;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.engine.EngineOptions;
import dev.chatharness.socketio.engine.EnginePacket;
import dev.chatharness.socketio.engine.EngineServer;
import dev.chatharness.socketio.engine.EngineSession;
import dev.chatharness.socketio.engine.EngineSessionHandler;
import io.javalin.Javalin;
import java.time.Duration;

/**
 * The test server of the official protocol suites (socketio/socket.io-protocol and socketio/engine.io-protocol,
 * folder {@code test-suite}): Socket.IO under {@code /socket.io/} with namespaces {@code /} and {@code /custom} that
 * emit {@code auth} on connect, echo {@code message} as {@code message-back} and ack {@code message-with-ack} with its
 * arguments; and Engine.IO alone under {@code /engine.io/}, echoing every message. pingInterval 300 ms, pingTimeout
 * 200 ms, maxPayload 1,000,000, connectTimeout 1,000 ms, as the suites assert.
 *
 * <pre>{@code
 * try (ProtocolEchoServer server = ProtocolEchoServer.start(0)) {
 *     String url = "http://127.0.0.1:" + server.port();
 * }
 * }</pre>
 */
public final class ProtocolEchoServer implements AutoCloseable {
    static final Duration PING_INTERVAL = Duration.ofMillis(300);
    static final Duration PING_TIMEOUT = Duration.ofMillis(200);
    static final int MAX_PAYLOAD = 1_000_000;
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);

    private final Javalin app;
    private final SocketIoServer io;
    private final EngineServer engineOnly;

    private ProtocolEchoServer(Javalin app, SocketIoServer io, EngineServer engineOnly) {
        this.app = app;
        this.io = io;
        this.engineOnly = engineOnly;
    }

    /** Starts on every interface, as the suites expect of their server; port 0 picks a free port. */
    public static ProtocolEchoServer start(int port) {
        return start("0.0.0.0", port);
    }

    public static ProtocolEchoServer start(String host, int port) {
        return start(host, port, PING_INTERVAL, PING_TIMEOUT);
    }

    /**
     * With other heartbeat timings: the JUnit ports of the suites use a long heartbeat for cases that are not about
     * the heartbeat, so a slow, loaded machine cannot turn a missed 200 ms pong into a false failure.
     */
    public static ProtocolEchoServer start(String host, int port, Duration pingInterval, Duration pingTimeout) {
        return start(host, port, pingInterval, pingTimeout, CONNECT_TIMEOUT);
    }

    public static ProtocolEchoServer start(String host, int port, Duration pingInterval, Duration pingTimeout,
                                           Duration connectTimeout) {
        SocketIoServer io = new SocketIoServer(SocketIoOptions.builder()
                .pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .maxPayload(MAX_PAYLOAD)
                .connectTimeout(connectTimeout)
                .build(), new ObjectMapper());
        echo(io.defaultNamespace());
        echo(io.namespace("/custom"));
        EngineServer engineOnly = new EngineServer(new EngineOptions("/engine.io/", pingInterval, pingTimeout,
                MAX_PAYLOAD, Duration.ofSeconds(10), false, RequestFilter.ALLOW_ALL), EchoSession::new);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            io.install(config);
            engineOnly.install(config);
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            io.close();
            engineOnly.close();
            throw e;
        }
        return new ProtocolEchoServer(app, io, engineOnly);
    }

    private static void echo(Namespace namespace) {
        namespace.onConnection(socket -> {
            JsonNode auth = socket.handshake().auth();
            socket.emit("auth", auth.isNull() || auth.isMissingNode() ? JsonNodeFactory.instance.objectNode() : auth);
            socket.on("message", (s, args, ack) -> s.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (s, args, ack) -> {
                if (ack != null) {
                    ack.send(args.toArray());
                }
            });
        });
    }

    public int port() {
        return app.port();
    }

    /** The Socket.IO server, for tests that need to look inside. */
    public SocketIoServer socketIo() {
        return io;
    }

    /** The Engine.IO-only endpoint at {@code /engine.io/}, for tests that need to look inside. */
    public EngineServer engineOnly() {
        return engineOnly;
    }

    @Override
    public void close() {
        io.close();
        engineOnly.close();
        app.stop();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ProtocolEchoServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "protocol-echo-shutdown"));
        System.out.println("protocol-echo server listening on port " + server.port());
        Thread.currentThread().join();
    }

    /** Engine.IO-only echo: every message goes back as it came, text or binary. */
    private static final class EchoSession implements EngineSessionHandler {
        private final EngineSession session;

        EchoSession(EngineSession session) {
            this.session = session;
        }

        @Override
        public void onMessage(String text) {
            session.send(EnginePacket.message(text));
        }

        @Override
        public void onBinary(byte[] data) {
            session.send(EnginePacket.binary(data));
        }

        @Override
        public void onClose(String reason) {
        }
    }
}
