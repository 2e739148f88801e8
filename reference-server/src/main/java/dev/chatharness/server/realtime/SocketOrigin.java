package dev.chatharness.server.realtime;

import dev.chatharness.server.event.Origin;
import dev.chatharness.socketio.SocketIoSocket;

/** A change that came over this socket: its room broadcast skips it. */
record SocketOrigin(SocketIoSocket socket) implements Origin {
    @Override
    public String connectionId() {
        return socket.id();
    }
}
