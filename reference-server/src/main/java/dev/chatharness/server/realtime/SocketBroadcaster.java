package dev.chatharness.server.realtime;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.SocketIoSocket;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Delivers what the services announce through Socket.IO rooms. The layer encodes each broadcast once and writes
 * the same frames to every target socket.
 */
final class SocketBroadcaster implements ChatEvents {
    private final SocketIoServer io;
    private final Namespace namespace;
    private final Rooms rooms;
    private final Faults faults;

    SocketBroadcaster(SocketIoServer io, Rooms rooms, Faults faults) {
        this.io = io;
        this.namespace = io.defaultNamespace();
        this.rooms = rooms;
        this.faults = faults;
    }

    @Override
    public void toRoom(String tenantId, String conversationId, String event, Object payload, Origin origin) {
        String room = rooms.conversation(tenantId, conversationId);
        if (origin instanceof SocketOrigin socket && !faults.on(Fault.ECHO_TO_SENDER)) {
            socket.socket().to(room).emit(event, payload);
        } else {
            namespace.to(room).emit(event, payload);
        }
    }

    @Override
    public void toUsers(Collection<Principal> users, String event, Object payload) {
        if (users.isEmpty()) {
            return;
        }
        String[] targets = users.stream().map(rooms::user).toArray(String[]::new);
        namespace.to(targets).emit(event, payload); // a socket in several target rooms still gets it once
    }

    @Override
    public void toTenant(String tenantId, String event, Object payload) {
        for (SocketIoSocket socket : namespace.sockets()) {
            if (tenantId.equals(HandshakeAuthenticator.tokenOf(socket).principal().tenantId())) {
                socket.emit(event, payload);
            }
        }
    }

    @Override
    public void leaveRoom(Principal user, String tenantId, String conversationId) {
        namespace.to(rooms.user(user)).socketsLeave(rooms.conversation(tenantId, conversationId));
    }

    @Override
    public <T> T writingAfter(Supplier<T> work) {
        return io.writingAfter(work);
    }
}
