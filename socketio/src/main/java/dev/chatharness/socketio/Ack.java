package dev.chatharness.socketio;

/** Answers a client's event. Only the first call sends; later calls are ignored. Thread-safe. */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
