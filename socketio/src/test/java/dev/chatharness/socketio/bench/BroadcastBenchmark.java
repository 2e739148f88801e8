package dev.chatharness.socketio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.HandshakeRequest;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoOptions;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.SocketIoSocket;
import dev.chatharness.socketio.engine.FrameSink;
import dev.chatharness.socketio.engine.LocalConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and broadcasting one chat-sized event to a room of 1,000 sockets, over in-memory {@link FrameSink}s that
 * complete every write at once: what is measured is this layer's code (encode, room lookup, per-session queue and
 * writer), not the kernel. Run with {@code bench/socketio-broadcast.sh}; never part of {@code mvn verify}.
 *
 * <ul>
 *   <li>{@code broadcastToRoom}: {@code namespace.to(room).emit(...)}, the event encoded once;</li>
 *   <li>{@code emitPerSocket} (baseline): the same event emitted socket by socket, encoded 1,000 times;</li>
 *   <li>{@code preEncodedLoop} (floor): a plain loop handing one pre-encoded frame to each sink.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BroadcastBenchmark {
    static final int ROOM_SIZE = 1_000;
    static final String ROOM = "conversation-42";

    private SocketIoServer io;
    private Namespace root;
    private final List<CountingSink> sinks = new ArrayList<>();
    private final List<SocketIoSocket> members = new ArrayList<>();
    private Map<String, Object> message;
    private String preEncodedFrame;

    @Setup(Level.Trial)
    public void setUp() {
        io = new SocketIoServer(SocketIoOptions.builder()
                .pingInterval(Duration.ofHours(1)).pingTimeout(Duration.ofHours(1))
                .connectTimeout(Duration.ofHours(1)).build(), new ObjectMapper());
        root = io.defaultNamespace();
        root.onConnection(socket -> {
            socket.join(ROOM);
            members.add(socket);
        });
        HandshakeRequest request = new HandshakeRequest(Map.of(), Map.of("EIO", "4", "transport", "websocket"),
                "127.0.0.1");
        for (int i = 0; i < ROOM_SIZE; i++) {
            CountingSink sink = new CountingSink("sink-" + i);
            LocalConnection connection = io.openLocal(request, sink);
            connection.receiveText("40");
            sinks.add(sink);
        }
        if (members.size() != ROOM_SIZE || root.to(ROOM).sockets().size() != ROOM_SIZE) {
            throw new IllegalStateException("room not filled: " + members.size());
        }
        // A Chat v2 "message" event as the reference server sends it (325 bytes as a WebSocket frame).
        message = new LinkedHashMap<>();
        message.put("id", "msg_01HZX3K9Q7M2V8R4T6Y1B5N0CD");
        message.put("conversationId", "conv_01HZX3JZ8W6Q2E4R7T9Y3U5I1O");
        message.put("seq", 1234);
        message.put("senderId", "user_01HZX3JX7V5C3X1Z9B7N5M3L1K");
        message.put("body", "Hello everyone, this is a message of ordinary length for a chat room.");
        message.put("clientMessageId", "c-7f3a9d2e");
        message.put("createdAt", "2026-11-26T21:00:00.000Z");
        message.put("editedAt", null);
        preEncodedFrame = "42[\"message\"," + new ObjectMapper().valueToTree(message) + "]";
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
    }

    @Benchmark
    public long broadcastToRoom() {
        root.to(ROOM).emit("message", message);
        return sinks.get(ROOM_SIZE - 1).bytes;
    }

    @Benchmark
    public long emitPerSocket() {
        for (SocketIoSocket socket : members) {
            socket.emit("message", message);
        }
        return sinks.get(ROOM_SIZE - 1).bytes;
    }

    @Benchmark
    public long preEncodedLoop() {
        for (CountingSink sink : sinks) {
            sink.sendText(preEncodedFrame, CountingSink.NOTHING, CountingSink.IGNORE);
        }
        return sinks.get(ROOM_SIZE - 1).bytes;
    }

    /** Accepts every frame at once and counts what it got, like a socket that is always writable. */
    static final class CountingSink implements FrameSink {
        static final Runnable NOTHING = () -> { };
        static final Consumer<Throwable> IGNORE = t -> { };
        private final String id;
        long frames;
        long bytes;

        CountingSink(String id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return id;
        }

        @Override
        public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
            frames++;
            bytes += text.length();
            written.run();
        }

        @Override
        public void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed) {
            frames++;
            bytes += data.length;
            written.run();
        }

        @Override
        public void sendPing(byte[] payload, Runnable written, Consumer<Throwable> failed) {
            written.run();
        }

        @Override
        public void close() {
        }
    }
}
