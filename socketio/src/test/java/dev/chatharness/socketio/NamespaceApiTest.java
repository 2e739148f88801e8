package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.chatharness.socketio.testing.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The public API's semantics (rooms, broadcast, acks, disconnects, ordering), observed on raw WebSocket clients. */
@DisplayName("Namespace, rooms, broadcast and socket API")
class NamespaceApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private TestServer server;
    private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final List<RawWebSocket> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(SocketIoOptions.builder()
                .pingInterval(Duration.ofSeconds(20)).pingTimeout(Duration.ofSeconds(20)).build(), io -> {
                    io.defaultNamespace().onConnection(socket -> {
                        socket.onDisconnect((s, reason) -> disconnects.add(s.id() + " " + reason));
                        connections.add(socket);
                    });
                    io.namespace("/admin").onConnection(connections::add);
                });
    }

    @AfterEach
    void stop() {
        clients.forEach(RawWebSocket::close);
        server.close();
    }

    /** A raw client connected to a namespace; returns the server-side socket. */
    private Connected connect(String nsp) throws InterruptedException {
        RawWebSocket ws = RawWebSocket.connect(
                "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket", true);
        clients.add(ws);
        assertThat(ws.nextText()).startsWith("0{");
        ws.send(nsp.equals("/") ? "40" : "40" + nsp + ",");
        String connect = ws.nextText();
        assertThat(connect).startsWith(nsp.equals("/") ? "40{" : "40" + nsp + ",{");
        SocketIoSocket socket = connections.poll(10, TimeUnit.SECONDS);
        assertThat(socket).isNotNull();
        assertThat(connect).contains(socket.id());
        return new Connected(ws, socket);
    }

    private record Connected(RawWebSocket ws, SocketIoSocket socket) {
    }

    /** Round trip: once the answer is back, every packet the client sent before was handled (in-order delivery). */
    private static void sync(Connected c) {
        c.socket().on("__sync__", (s, args, ack) -> ack.send());
        c.ws().send("42999[\"__sync__\"]");
        assertThat(c.ws().nextText()).isEqualTo("43999[]");
    }

    @Test
    void to_reaches_room_members_once_and_except_excludes() throws Exception {
        Connected a = connect("/");
        Connected b = connect("/");
        Connected c = connect("/");
        a.socket().join("red", "blue");
        b.socket().join("blue");
        Namespace root = server.io.defaultNamespace();

        root.to("red", "blue").emit("paint", "x");
        assertThat(a.ws().nextText()).isEqualTo("42[\"paint\",\"x\"]");
        assertThat(b.ws().nextText()).isEqualTo("42[\"paint\",\"x\"]");

        root.to("blue").except("red").emit("only-b");
        root.except(b.socket().id()).emit("not-b");
        assertThat(a.ws().nextText()).isEqualTo("42[\"not-b\"]");
        assertThat(b.ws().nextText()).isEqualTo("42[\"only-b\"]");
        assertThat(c.ws().nextText()).isEqualTo("42[\"not-b\"]");

        a.socket().to("blue").emit("from-a");
        a.socket().broadcast().emit("all-but-a");
        assertThat(b.ws().nextText()).isEqualTo("42[\"from-a\"]");
        assertThat(b.ws().nextText()).isEqualTo("42[\"all-but-a\"]");
        assertThat(c.ws().nextText()).isEqualTo("42[\"all-but-a\"]");
        root.to(a.socket().id()).emit("direct");
        assertThat(a.ws().nextText()).isEqualTo("42[\"direct\"]");

        assertThat(root.to("blue").sockets()).containsExactlyInAnyOrder(a.socket(), b.socket());
        assertThat(a.socket().rooms()).containsExactlyInAnyOrder(a.socket().id(), "red", "blue");
    }

    @Test
    void namespaces_are_isolated() throws Exception {
        Connected user = connect("/");
        Connected admin = connect("/admin");
        server.io.namespace("/admin").emit("for-admins");
        server.io.defaultNamespace().emit("for-users");
        assertThat(admin.ws().nextText()).isEqualTo("42/admin,[\"for-admins\"]");
        assertThat(user.ws().nextText()).isEqualTo("42[\"for-users\"]");
        assertThat(server.io.namespace("admin")).isSameAs(server.io.namespace("/admin"));
    }

    @Test
    void sockets_join_leave_and_disconnect_through_an_operator() throws Exception {
        Connected a = connect("/");
        Connected b = connect("/");
        Namespace root = server.io.defaultNamespace();
        root.except(b.socket().id()).socketsJoin("team");
        assertThat(root.to("team").sockets()).containsExactly(a.socket());
        root.to("team").socketsLeave("team");
        assertThat(root.to("team").sockets()).isEmpty();

        a.socket().join("doomed");
        root.to("doomed").disconnectSockets(false);
        assertThat(a.ws().nextText()).isEqualTo("41");
        assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(a.socket().id() + " server namespace disconnect");
        assertThat(a.socket().connected()).isFalse();
        assertThat(a.socket().rooms()).isEmpty();
        assertThat(root.socket(a.socket().id())).isEmpty();
        assertThat(root.socket(b.socket().id())).contains(b.socket());
        assertThat(a.ws().isClosed()).isFalse();
    }

    @Test
    void disconnect_with_close_sends_41_then_closes_the_connection() throws Exception {
        Connected a = connect("/");
        a.socket().disconnect(true);
        assertThat(a.ws().nextText()).isEqualTo("41");
        a.ws().awaitClose();
        assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(a.socket().id() + " server namespace disconnect");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.io.sessionCount() == 0);
    }

    @Test
    void client_disconnect_and_transport_close_reach_the_listener() throws Exception {
        Connected a = connect("/");
        Connected b = connect("/");
        a.ws().send("41");
        assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(a.socket().id() + " client namespace disconnect");
        b.ws().closeCleanly();
        assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(b.socket().id() + " transport close");
    }

    @Test
    void server_close_disconnects_everyone_with_server_shutting_down() throws Exception {
        Connected a = connect("/");
        server.io.close();
        assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(a.socket().id() + " server shutting down");
        a.ws().awaitClose();
    }

    @Test
    void emit_with_ack_gets_the_answer_or_times_out() throws Exception {
        Connected a = connect("/");
        BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        AckCallback callback = new AckCallback() {
            @Override
            public void onAck(List<JsonNode> args) {
                outcomes.add(args);
            }

            @Override
            public void onTimeout() {
                outcomes.add("timeout");
            }
        };
        a.socket().emitWithAck("question", new Object[] {"q"}, Duration.ofSeconds(10), callback);
        assertThat(a.ws().nextText()).isEqualTo("420[\"question\",\"q\"]");
        a.ws().send("430[\"answer\",{\"n\":1}]");
        assertThat(outcomes.poll(10, TimeUnit.SECONDS).toString()).isEqualTo("[\"answer\", {\"n\":1}]");

        a.socket().emitWithAck("ignored", new Object[0], Duration.ofMillis(200), callback);
        assertThat(a.ws().nextText()).isEqualTo("421[\"ignored\"]");
        assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("timeout");
        a.ws().send("431[\"too late\"]");
        sync(a);
        assertThat(outcomes).isEmpty();
    }

    @Test
    void an_ack_is_sent_once_and_unhandled_events_reach_their_listener() throws Exception {
        Connected a = connect("/");
        a.socket().on("twice", (s, args, ack) -> {
            ack.send("first");
            ack.send("second");
        });
        a.socket().onUnhandledEvent((s, event, args, ack) -> ack.send("unhandled", event, args.size()));
        a.ws().send("427[\"twice\"]");
        assertThat(a.ws().nextText()).isEqualTo("437[\"first\"]");
        a.ws().send("428[\"nobody-listens\",1,2]");
        assertThat(a.ws().nextText()).isEqualTo("438[\"unhandled\",\"nobody-listens\",2]");
    }

    @Test
    void binary_arguments_go_out_as_placeholders_and_attachments() throws Exception {
        Connected a = connect("/");
        Map<String, Object> payload = new HashMap<>();
        payload.put("file", new byte[] {9, 8});
        a.socket().emit("files", new byte[] {1}, payload, MAPPER.createObjectNode().set("n", BinaryNode.valueOf(new byte[] {7})));
        assertThat(a.ws().nextText()).isEqualTo("453-[\"files\",{\"_placeholder\":true,\"num\":0},"
                + "{\"file\":{\"_placeholder\":true,\"num\":1}},{\"n\":{\"_placeholder\":true,\"num\":2}}]");
        assertThat(a.ws().next()).isEqualTo(new byte[] {1});
        assertThat(a.ws().next()).isEqualTo(new byte[] {9, 8});
        assertThat(a.ws().next()).isEqualTo(new byte[] {7});
    }

    @Test
    void incoming_binary_arrives_as_binary_nodes() throws Exception {
        Connected a = connect("/");
        BlockingQueue<List<JsonNode>> received = new LinkedBlockingQueue<>();
        a.socket().on("upload", (s, args, ack) -> received.add(args));
        a.ws().send("451-[\"upload\",{\"name\":\"x\",\"data\":{\"_placeholder\":true,\"num\":0}}]");
        a.ws().send(new byte[] {5, 6, 7});
        List<JsonNode> args = received.poll(10, TimeUnit.SECONDS);
        assertThat(args).hasSize(1);
        assertThat(args.get(0).get("data").isBinary()).isTrue();
        assertThat(args.get(0).get("data").binaryValue()).isEqualTo(new byte[] {5, 6, 7});
    }

    @Test
    void concurrent_emits_from_many_threads_arrive_whole_and_in_each_thread_order() throws Exception {
        Connected a = connect("/");
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        a.socket().emit("seq", thread, i);
                    }
                    return null;
                });
            }
            go.countDown();
            int[] last = new int[threads];
            java.util.Arrays.fill(last, -1);
            for (int n = 0; n < threads * perThread; n++) {
                JsonNode frame = MAPPER.readTree(a.ws().nextText().substring(2));
                int thread = frame.get(1).asInt();
                int i = frame.get(2).asInt();
                assertThat(i).as("thread %d order", thread).isEqualTo(last[thread] + 1);
                last[thread] = i;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final SocketKey<String> USER = SocketKey.of("user", String.class);

    @Test
    void middleware_runs_in_order_and_can_attach_typed_values() throws Exception {
        List<String> order = new ArrayList<>();
        Namespace guarded = server.io.namespace("/guarded");
        guarded.use(s -> {
            order.add("first");
            s.set(USER, s.handshake().auth().path("user").asText());
        });
        guarded.use(s -> {
            order.add("second");
            if (s.require(USER).equals("mallory")) {
                throw new ConnectionRefusedException("forbidden", null);
            }
        });
        guarded.onConnection(connections::add);
        RawWebSocket ws = RawWebSocket.connect(
                "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket", true);
        clients.add(ws);
        ws.nextText();
        ws.send("40/guarded,{\"user\":\"mallory\"}");
        assertThat(ws.nextText()).isEqualTo("44/guarded,{\"message\":\"forbidden\"}");
        ws.send("40/guarded,{\"user\":\"alice\"}");
        assertThat(ws.nextText()).startsWith("40/guarded,{\"sid\":");
        SocketIoSocket socket = connections.poll(10, TimeUnit.SECONDS);
        assertThat(socket.get(USER)).isEqualTo("alice");
        assertThat(socket.get(SocketKey.of("user", String.class))).as("another key of the same name").isNull();
        assertThat(socket.handshake().auth().get("user").asText()).isEqualTo("alice");
        assertThat(order).containsExactly("first", "second", "first", "second");
    }
}
