package dev.chatharness.socketio.testing;

import dev.chatharness.socketio.engine.FrameSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory WebSocket for {@code SocketIoServer.openLocal}: records every frame handed to it, in order, the
 * payloads of the pings sent on it and whether it was closed. A stalled sink never reports a write as done, like a
 * socket whose peer stopped reading.
 */
public final class MemorySink implements FrameSink {
    private final String id;
    private final boolean stalled;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<byte[]> pings = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public MemorySink(String id, boolean stalled) {
        this.id = id;
        this.stalled = stalled;
    }

    public MemorySink(String id) {
        this(id, false);
    }

    /** Every frame written so far; binary frames as {@code "<binary>"}. */
    public List<String> frames() {
        return frames;
    }

    /** The Socket.IO events written so far ({@code 42...}), leaving out the Engine.IO open and CONNECT. */
    public List<String> events() {
        return frames.stream().filter(f -> f.startsWith("42")).toList();
    }

    @Override
    public String toString() {
        return "MemorySink[" + id + "]";
    }

    @Override
    public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
        frames.add(text);
        if (!stalled) {
            written.run();
        }
    }

    @Override
    public void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed) {
        sendText("<binary>", written, failed);
    }

    /** The payloads of the pings sent so far; answer one with {@code LocalConnection.receivePong}. */
    public List<byte[]> pings() {
        return pings;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void sendPing(byte[] payload, Runnable written, Consumer<Throwable> failed) {
        pings.add(payload);
        if (!stalled) {
            written.run();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
