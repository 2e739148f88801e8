package dev.chatharness.socketio.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.AckCallback;
import dev.chatharness.socketio.ConnectionRefusedException;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoOptions;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.SocketIoSocket;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server both official clients are driven against. Namespace "/" requires auth {@code {"token":"good"}}
 * (middleware refusal: message "unauthorized", data {@code {"code":"token_invalid"}}), greets with "welcome" carrying
 * the auth, acks "echo" and "binary" with their arguments (and emits "binary-back"), asks the client "question" with
 * an ack on "ask-client" and reports the answer as "client-answered", and disconnects the socket on "kick".
 * Namespace "/second" acks "echo". Every server-side disconnect is recorded as "namespace reason".
 */
final class InteropServer implements AutoCloseable {
    static final Duration PING_INTERVAL = Duration.ofMillis(1_000);
    static final Duration PING_TIMEOUT = Duration.ofMillis(2_000);

    final SocketIoServer io;
    final Javalin app;
    final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    InteropServer() {
        io = new SocketIoServer(SocketIoOptions.builder()
                .pingInterval(PING_INTERVAL)
                .pingTimeout(PING_TIMEOUT)
                .build(), new ObjectMapper());
        Namespace root = io.defaultNamespace();
        root.use(socket -> {
            if (!"good".equals(socket.handshake().auth().path("token").asText())) {
                throw new ConnectionRefusedException("unauthorized", Map.of("code", "token_invalid"));
            }
        });
        root.onConnection(socket -> {
            socket.emit("welcome", socket.handshake().auth());
            socket.on("echo", (s, args, ack) -> ack.send(args.toArray()));
            socket.on("binary", (s, args, ack) -> {
                s.emit("binary-back", args.toArray());
                ack.send(args.toArray());
            });
            socket.on("ask-client", (s, args, ack) -> s.emitWithAck("question", new Object[] {"q1"},
                    Duration.ofSeconds(15), new AckCallback() {
                        @Override
                        public void onAck(List<JsonNode> answer) {
                            s.emit("client-answered", answer.get(0));
                        }

                        @Override
                        public void onTimeout() {
                            s.emit("client-answered", "timeout");
                        }
                    }));
            socket.on("kick", (s, args, ack) -> s.disconnect(false));
            recordDisconnect(socket);
        });
        Namespace second = io.namespace("/second");
        second.onConnection(socket -> {
            socket.on("echo", (s, args, ack) -> ack.send(args.toArray()));
            recordDisconnect(socket);
        });
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            io.install(config);
        }).start("127.0.0.1", 0);
    }

    private void recordDisconnect(SocketIoSocket socket) {
        socket.onDisconnect((s, reason) -> disconnects.add(s.namespace().name() + " " + reason));
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        io.close();
        app.stop();
    }
}
