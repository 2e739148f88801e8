package dev.chatharness.socketio.engine;

import java.util.function.Consumer;

/**
 * Where a WebSocket's frames go: a Jetty connection in production ({@link JettyWebSocket}), an in-memory sink in
 * benchmarks and tests ({@link EngineServer#openLocal}). Implementations write asynchronously and report each frame
 * once. A session tells its sinks apart by identity.
 */
public interface FrameSink {
    void sendText(String text, Runnable written, Consumer<Throwable> failed);

    void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed);

    /** A WebSocket ping, whose pong the connection reports to its session; a sink without a peer never gets one. */
    void sendPing(byte[] payload, Runnable written, Consumer<Throwable> failed);

    /** Closes the connection (without a status code, as engine.io does); later sends may fail or be dropped. */
    void close();
}
