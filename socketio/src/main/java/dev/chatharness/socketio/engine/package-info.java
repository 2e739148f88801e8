/**
 * Engine.IO protocol 4 server on Javalin 7: handshake, sessions, the HTTP long-polling and WebSocket transports, the
 * polling-to-WebSocket upgrade, the server-driven heartbeat and {@code maxPayload}. It knows nothing of Socket.IO: an
 * {@link dev.chatharness.socketio.engine.EngineListener} receives each new session and its messages.
 */
package dev.chatharness.socketio.engine;
