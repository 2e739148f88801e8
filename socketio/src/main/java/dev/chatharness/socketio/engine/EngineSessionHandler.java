package dev.chatharness.socketio.engine;

/**
 * Messages of one session. Calls for one session never overlap and come in arrival order, on the thread that read
 * them (a Jetty thread), or for {@link #onClose} possibly on the heartbeat timer thread.
 */
public interface EngineSessionHandler {
    void onMessage(String text);

    void onBinary(byte[] data);

    /**
     * The session is gone. Reasons: "transport close", "transport error", "ping timeout", "parse error",
     * "forced close", "server shutting down".
     */
    void onClose(String reason);
}
