package dev.chatharness.socketio;

/**
 * Runs for every Socket.IO CONNECT to a namespace, in registration order, before the connection handlers. The socket
 * is not connected yet: it has its id and handshake (with the auth payload), and a middleware may attach what it
 * learns under a {@link SocketKey} (e.g. the authenticated user), which the handlers read back without a cast. Throw
 * to refuse: the client gets a CONNECT_ERROR packet {@code {"message": ..., "data": ...}} and no socket is created.
 *
 * <p>A middleware may also join rooms. Connection handlers run after the client has been sent its CONNECT, so a
 * broadcast from another thread can reach a room before a handler has joined it; rooms joined here are joined
 * before the client can see {@code connect}. They are left again if the connection is refused or lost first.
 */
@FunctionalInterface
public interface Middleware {
    void handle(SocketIoSocket socket) throws ConnectionRefusedException;
}
