/**
 * Engine.IO protocol 4 server on Javalin 7, with the observable behaviour of the reference engine.io 6.5.x. It knows
 * nothing of Socket.IO: an {@link dev.chatharness.socketio.engine.EngineListener} receives each new session and its
 * messages. The pieces, by what changes together:
 *
 * <ul>
 *   <li>the endpoint: {@link dev.chatharness.socketio.engine.EngineServer} mounts it and owns the timers;
 *       {@link dev.chatharness.socketio.engine.SessionRegistry} finds sessions by sid (and remembers, for a moment,
 *       the polling sessions that just closed); {@link dev.chatharness.socketio.engine.EngineRequests} reads what
 *       every request carries and answers the reference server's JSON errors;</li>
 *   <li>the session's state machine: {@link dev.chatharness.socketio.engine.EngineSession} (open, closing, closed;
 *       polling or WebSocket), its {@link dev.chatharness.socketio.engine.SendQueue} (one ordered queue, delivery
 *       receipts), {@link dev.chatharness.socketio.engine.Inbound} (what the client sends, judged and delivered one
 *       message at a time) and {@link dev.chatharness.socketio.engine.Heartbeat} (server pings, ping timeout);</li>
 *   <li>the polling transport: {@link dev.chatharness.socketio.engine.PollingTransport} (the HTTP handlers) and
 *       {@link dev.chatharness.socketio.engine.Polling} (one session's GET and POST rules);</li>
 *   <li>the WebSocket transport and the upgrade: {@link dev.chatharness.socketio.engine.WebSocketTransport} (the
 *       upgrade door, a servlet filter), {@link dev.chatharness.socketio.engine.JettyWebSocket} (one connection),
 *       {@link dev.chatharness.socketio.engine.WebSocketWriter} (one frame at a time, no caller blocked),
 *       {@link dev.chatharness.socketio.engine.Upgrade} (probe, "3probe", noop, "5") and
 *       {@link dev.chatharness.socketio.engine.ClientOrder} (HTTP requests held in the order the client sent them
 *       during an upgrade);</li>
 *   <li>seams: {@link dev.chatharness.socketio.engine.FrameSink} and
 *       {@link dev.chatharness.socketio.engine.LocalConnection} (sessions without sockets, for benchmarks and
 *       tests), {@link dev.chatharness.socketio.engine.DeferredWrites} (sends queued now, written later).</li>
 * </ul>
 */
package dev.chatharness.socketio.engine;
