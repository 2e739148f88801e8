package dev.chatharness.socketio.engine;

import java.nio.ByteBuffer;

/** The client side of a session opened by {@link EngineServer#openLocal}: feeds it frames as if read from a socket. */
public final class LocalConnection {
    private final EngineSession session;
    private final FrameSink sink;

    LocalConnection(EngineSession session, FrameSink sink) {
        this.session = session;
        this.sink = sink;
    }

    public EngineSession session() {
        return session;
    }

    /** A text frame from the client, e.g. {@code "40"} to connect to the main namespace. */
    public void receiveText(String frame) {
        session.inbound.onWebSocketText(sink, frame);
    }

    public void receiveBinary(byte[] frame) {
        session.inbound.onWebSocketBinary(sink, frame);
    }

    /** The answer to a WebSocket ping the session sent through the sink. */
    public void receivePong(byte[] payload) {
        session.inbound.onWebSocketPong(sink, ByteBuffer.wrap(payload));
    }

    /** The client went away. */
    public void disconnect() {
        session.inbound.onWebSocketClosed(sink, false);
    }
}
