package dev.chatharness.socketio;

/**
 * Runs for every Socket.IO CONNECT to a namespace, in registration order, before the connection handlers. The socket
 * is not connected yet: it has its id, handshake (with the auth payload) and {@link SocketIoSocket#data()}, which a
 * middleware may fill (e.g. with the authenticated user). Throw to refuse: the client gets a CONNECT_ERROR packet
 * {@code {"message": ..., "data": ...}} and no socket is created.
 */
@FunctionalInterface
public interface Middleware {
    void handle(SocketIoSocket socket) throws ConnectionRefusedException;
}
