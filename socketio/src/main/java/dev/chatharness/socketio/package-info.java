/**
 * Socket.IO protocol 5 server layer: namespaces, sockets, middleware, acks, rooms and broadcast, on the Engine.IO
 * server of {@link dev.chatharness.socketio.engine}. Knows nothing of chat. Entry point: {@link
 * dev.chatharness.socketio.SocketIoServer}.
 */
package dev.chatharness.socketio;
