package dev.chatharness.socketio.engine;

/** Receives every new Engine.IO session; returns the handler of that session's messages. */
@FunctionalInterface
public interface EngineListener {
    /** Called once the open packet is queued, before any message of the session is delivered. */
    EngineSessionHandler onOpen(EngineSession session);
}
