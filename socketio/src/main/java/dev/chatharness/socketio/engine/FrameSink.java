package dev.chatharness.socketio.engine;

import java.util.function.Consumer;

/**
 * Where a WebSocket session's frames go: the Jetty connection in production, an in-memory sink in benchmarks and
 * tests ({@link EngineServer#openLocal}). Implementations write asynchronously and report each frame once.
 */
public interface FrameSink {
    /** Identifies the connection (two sinks of one session, active and probing, must differ). */
    String id();

    void sendText(String text, Runnable written, Consumer<Throwable> failed);

    void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed);

    /** Closes the connection normally; later sends may fail or be dropped. */
    void close();
}
