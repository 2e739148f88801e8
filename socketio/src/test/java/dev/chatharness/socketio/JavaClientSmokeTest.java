package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** First end-to-end check of the public API with the official Java client, on each transport setup. */
class JavaClientSmokeTest {
    private static final SocketKey<String> USER = SocketKey.of("user", String.class);

    private TestServer server;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = TestServer.start(io -> {
            Namespace root = io.defaultNamespace();
            root.use(socket -> {
                JsonNode auth = socket.handshake().auth();
                if (!auth.path("token").asText().equals("good")) {
                    throw new ConnectionRefusedException("unauthorized", Map.of("code", "token_invalid"));
                }
                socket.set(USER, "alice");
            });
            root.onConnection(socket -> {
                serverEvents.add("connected " + socket.require(USER));
                socket.on("hello", (s, args, ack) -> {
                    serverEvents.add("hello " + args.get(0).asText());
                    if (ack != null) {
                        ack.send(Map.of("ok", true, "echo", args.get(0).asText()));
                    }
                });
                socket.on("join", (s, args, ack) -> {
                    s.join(args.get(0).asText());
                    ack.send("joined");
                });
                socket.on("shout", (s, args, ack) -> io.defaultNamespace().to(args.get(0).asText())
                        .emit("shouted", args.get(1)));
                socket.onDisconnect((s, reason) -> serverEvents.add("disconnect " + reason));
            });
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket client(String transports, String token) throws Exception {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports.split(","))
                .setAuth(Map.of("token", token))
                .build();
        return IO.socket(server.url(), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void connects_with_auth_emits_gets_acks_and_broadcasts(String transports) throws Exception {
        Socket socket = client(transports, "good");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_CONNECT, args -> received.add("connect"));
        socket.on("shouted", args -> received.add("shouted " + args[0]));
        socket.connect();
        try {
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("connect");
            assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("connected alice");

            socket.emit("hello", new Object[] {"world"}, ackArgs -> received.add(ackArgs[0]));
            assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("hello world");
            Object ack = received.poll(10, TimeUnit.SECONDS);
            assertThat(ack).isInstanceOf(JSONObject.class);
            assertThat(((JSONObject) ack).getString("echo")).isEqualTo("world");

            socket.emit("join", new Object[] {"room-1"}, ackArgs -> received.add(ackArgs[0]));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("joined");
            socket.emit("shout", "room-1", "hey");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("shouted hey");
            if (transports.contains("websocket")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.io.defaultNamespace().sockets().stream()
                        .allMatch(s -> s.transport().equals("websocket")));
            }
        } finally {
            socket.disconnect();
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnect client namespace disconnect");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.io.defaultNamespace().sockets().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void middleware_refusal_reaches_the_client_with_its_data(String transports) throws Exception {
        Socket socket = client(transports, "bad");
        BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> errors.add(args[0]));
        socket.connect();
        try {
            Object error = errors.poll(10, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(JSONObject.class);
            JSONObject json = (JSONObject) error;
            assertThat(json.getString("message")).isEqualTo("unauthorized");
            assertThat(json.getJSONObject("data").getString("code")).isEqualTo("token_invalid");
            assertThat(server.io.defaultNamespace().sockets()).isEmpty();
        } finally {
            socket.close();
        }
        assertThat(List.copyOf(serverEvents)).isEmpty();
    }
}
