package dev.chatharness.socketio.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.thread.EventThread;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Java client io.socket:socket.io-client 2.x against the layer, on each transport setup. */
@DisplayName("Java socket.io-client 2.x interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JavaClientInteropTest {
    private static final long WAIT_S = 15;
    private InteropServer server;

    @BeforeEach
    void start() {
        server = new InteropServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IO.Options options(String transports, String token) {
        return IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports.split(","))
                .setUpgrade(transports.contains(","))
                .setAuth(Map.of("token", token))
                .build();
    }

    private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(WAIT_S, TimeUnit.SECONDS);
        assertThat(value).as(what).isNotNull();
        return value;
    }

    private void awaitServerTransport(String transport) {
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> server.io.defaultNamespace().sockets().stream()
                .allMatch(s -> s.transport().equals(transport)) && !server.io.defaultNamespace().sockets().isEmpty());
    }

    @ParameterizedTest(name = "transports={0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void connect_emit_acks_binary_namespaces_refusal_and_disconnects(String transports) throws Exception {
        Socket socket = IO.socket(server.url(), options(transports, "good"));
        BlockingQueue<Object[]> events = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_CONNECT, args -> events.add(new Object[] {"connect"}));
        socket.on("welcome", args -> events.add(new Object[] {"welcome", args[0]}));
        socket.on("binary-back", args -> events.add(new Object[] {"binary-back", args[0], args[1]}));
        socket.on("client-answered", args -> events.add(new Object[] {"client-answered", args[0]}));
        socket.on("question", args -> ((Ack) args[args.length - 1]).call("answer:" + args[0]));
        socket.on(Socket.EVENT_DISCONNECT, args -> events.add(new Object[] {"disconnect", args[0]}));
        socket.connect();
        try {
            assertThat(next(events, "connect")[0]).isEqualTo("connect");
            Object[] welcome = next(events, "welcome");
            assertThat(((JSONObject) welcome[1]).getString("token")).isEqualTo("good");

            BlockingQueue<Object[]> acks = new LinkedBlockingQueue<>();
            socket.emit("echo", new Object[] {1, "two", new JSONObject().put("three", new JSONArray().put(3))},
                    acks::add);
            Object[] echo = next(acks, "echo ack");
            assertThat(echo).hasSize(3);
            assertThat(echo[0]).isEqualTo(1);
            assertThat(echo[1]).isEqualTo("two");
            assertThat(((JSONObject) echo[2]).getJSONArray("three").getInt(0)).isEqualTo(3);

            awaitServerTransport(transports.endsWith("websocket") ? "websocket" : "polling");

            // binary both ways
            socket.emit("binary", new Object[] {new byte[] {1, 2, 3}, new JSONObject().put("nested", new byte[] {4, 5})},
                    acks::add);
            Object[] binaryAck = next(acks, "binary ack");
            assertThat(binaryAck[0]).isEqualTo(new byte[] {1, 2, 3});
            assertThat(((JSONObject) binaryAck[1]).get("nested")).isEqualTo(new byte[] {4, 5});
            Object[] binaryBack = next(events, "binary-back");
            assertThat(binaryBack[1]).isEqualTo(new byte[] {1, 2, 3});
            assertThat(((JSONObject) binaryBack[2]).get("nested")).isEqualTo(new byte[] {4, 5});

            // the server asks, the client acks
            socket.emit("ask-client");
            assertThat(next(events, "client-answered")[1]).isEqualTo("answer:q1");

            // a second namespace over the same connection
            Manager manager = socket.io();
            Socket second = manager.socket("/second");
            BlockingQueue<Object> secondEvents = new LinkedBlockingQueue<>();
            second.on(Socket.EVENT_CONNECT, args -> secondEvents.add("connect"));
            second.connect();
            assertThat(next(secondEvents, "second connect")).isEqualTo("connect");
            second.emit("echo", new Object[] {"in second"}, args -> secondEvents.add(args[0]));
            assertThat(next(secondEvents, "second echo")).isEqualTo("in second");
            assertThat(server.io.sessionCount()).isEqualTo(1);

            // an unknown namespace
            Socket unknown = manager.socket("/nope");
            BlockingQueue<Object> unknownErrors = new LinkedBlockingQueue<>();
            unknown.on(Socket.EVENT_CONNECT_ERROR, args -> unknownErrors.add(args[0]));
            unknown.connect();
            assertThat(((JSONObject) next(unknownErrors, "unknown namespace")).getString("message"))
                    .isEqualTo("Invalid namespace");

            // the client leaves a namespace
            second.disconnect();
            assertThat(server.disconnects.poll(WAIT_S, TimeUnit.SECONDS))
                    .isEqualTo("/second client namespace disconnect");

            // the server disconnects the main socket
            socket.emit("kick");
            Object[] disconnect = next(events, "disconnect");
            assertThat(disconnect[1]).isEqualTo("io server disconnect");
            assertThat(server.disconnects.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("/ server namespace disconnect");
        } finally {
            socket.close();
        }
    }

    @ParameterizedTest(name = "transports={0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void a_middleware_refusal_arrives_with_its_data(String transports) throws Exception {
        Socket refused = IO.socket(server.url(), options(transports, "bad"));
        BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
        refused.on(Socket.EVENT_CONNECT_ERROR, args -> errors.add(args[0]));
        refused.connect();
        try {
            JSONObject error = (JSONObject) next(errors, "connect_error");
            assertThat(error.getString("message")).isEqualTo("unauthorized");
            assertThat(error.getJSONObject("data").getString("code")).isEqualTo("token_invalid");
            assertThat(server.io.defaultNamespace().sockets()).isEmpty();
        } finally {
            refused.close();
        }
    }

    @ParameterizedTest(name = "transports={0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    void a_silent_client_is_timed_out_by_the_heartbeat(String transports) throws Exception {
        Socket socket = IO.socket(server.url(), options(transports, "good"));
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_CONNECT, args -> events.add("connect"));
        socket.on(Socket.EVENT_DISCONNECT, args -> events.add("disconnect " + args[0]));
        socket.connect();
        try {
            assertThat(next(events, "connect")).isEqualTo("connect");
            awaitServerTransport(transports.endsWith("websocket") ? "websocket" : "polling");
            // Make the client mute: its transport stops accepting writes, so its pongs never leave.
            EventThread.exec(() -> silence(socket));
            assertThat(server.disconnects.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("/ ping timeout");
            // Polling clients read the server's close packet ("transport close"); over WebSocket this client only
            // acts on the close handshake once OkHttp completes it, so its own heartbeat check may win.
            assertThat(next(events, "disconnect")).isIn("disconnect transport close", "disconnect ping timeout");
        } finally {
            socket.close();
        }
    }

    /** Sets the engine's current transport as not writable (package-private fields of the client). */
    private static void silence(Socket socket) {
        try {
            Field engineField = Manager.class.getDeclaredField("engine");
            engineField.setAccessible(true);
            Object engine = engineField.get(socket.io());
            Field transportField = io.socket.engineio.client.Socket.class.getDeclaredField("transport");
            transportField.setAccessible(true);
            Transport transport = (Transport) transportField.get(engine);
            transport.writable = false;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
