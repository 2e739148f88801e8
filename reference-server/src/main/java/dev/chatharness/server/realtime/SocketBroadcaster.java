package dev.chatharness.server.realtime;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.event.ChatEvents;
import dev.chatharness.server.event.EventBatch;
import dev.chatharness.server.event.EventBatches;
import dev.chatharness.server.event.Origin;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.BroadcastBatch;
import dev.chatharness.socketio.BroadcastOperator;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.SocketIoSocket;

import java.util.Collection;

/**
 * Delivers what the services announce through Socket.IO rooms, at once or in a batch ({@link BroadcastBatch}: queued
 * at once, written when the batch is closed). The layer encodes each broadcast once and writes the same frames to
 * every target socket.
 */
final class SocketBroadcaster implements ChatEvents, EventBatches {
    private final Namespace namespace;
    private final Rooms rooms;
    private final Faults faults;

    SocketBroadcaster(SocketIoServer io, Rooms rooms, Faults faults) {
        this.namespace = io.defaultNamespace();
        this.rooms = rooms;
        this.faults = faults;
    }

    @Override
    public void toRoom(String tenantId, String conversationId, String event, Object payload, Origin origin) {
        toRoom(tenantId, conversationId, origin).emit(event, payload);
    }

    @Override
    public void toUsers(Collection<Principal> users, String event, Object payload) {
        if (!users.isEmpty()) {
            toUsers(users).emit(event, payload);
        }
    }

    @Override
    public void toTenant(String tenantId, String event, Object payload) {
        for (SocketIoSocket socket : namespace.sockets()) {
            if (tenantId.equals(socket.require(HandshakeAuthenticator.TOKEN).principal().tenantId())) {
                socket.emit(event, payload);
            }
        }
    }

    @Override
    public void leaveRoom(Principal user, String tenantId, String conversationId) {
        namespace.to(rooms.user(user)).socketsLeave(rooms.conversation(tenantId, conversationId));
    }

    @Override
    public EventBatch open() {
        return new SocketEventBatch(new BroadcastBatch());
    }

    private BroadcastOperator toRoom(String tenantId, String conversationId, Origin origin) {
        String room = rooms.conversation(tenantId, conversationId);
        if (origin instanceof SocketOrigin socket && !faults.on(Fault.ECHO_TO_SENDER)) {
            return socket.socket().to(room);
        }
        return namespace.to(room);
    }

    /** Every socket of {@code users}; a socket in several of their rooms still gets an event once. */
    private BroadcastOperator toUsers(Collection<Principal> users) {
        return namespace.to(users.stream().map(rooms::user).toArray(String[]::new));
    }

    /** The same deliveries, queued in {@code batch} and written when it is closed. */
    private final class SocketEventBatch implements EventBatch {
        private final BroadcastBatch batch;

        SocketEventBatch(BroadcastBatch batch) {
            this.batch = batch;
        }

        @Override
        public void toRoom(String tenantId, String conversationId, String event, Object payload, Origin origin) {
            SocketBroadcaster.this.toRoom(tenantId, conversationId, origin).inBatch(batch).emit(event, payload);
        }

        @Override
        public void toUsers(Collection<Principal> users, String event, Object payload) {
            if (!users.isEmpty()) {
                SocketBroadcaster.this.toUsers(users).inBatch(batch).emit(event, payload);
            }
        }

        @Override
        public void toTenant(String tenantId, String event, Object payload) {
            SocketBroadcaster.this.toTenant(tenantId, event, payload); // only defects use it: not worth a batch
        }

        @Override
        public void leaveRoom(Principal user, String tenantId, String conversationId) {
            SocketBroadcaster.this.leaveRoom(user, tenantId, conversationId); // no frames: nothing to put off
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
