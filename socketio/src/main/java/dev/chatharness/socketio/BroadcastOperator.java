package dev.chatharness.socketio;

import dev.chatharness.socketio.engine.DeferredWrites;
import dev.chatharness.socketio.engine.EnginePacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Selects sockets of one namespace by rooms ({@link #to}, union) and exclusions ({@link #except}, rooms or socket ids,
 * since every socket is in the room of its own id), and emits to them, at once or {@linkplain #inBatch in a batch}.
 * Immutable: each call returns a new operator.
 */
public final class BroadcastOperator {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    /** Null: emits are written at once. */
    private final BroadcastBatch batch;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, BroadcastBatch batch) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.batch = batch;
    }

    public BroadcastOperator to(String... moreRooms) {
        Set<String> union = new HashSet<>(rooms);
        union.addAll(Arrays.asList(moreRooms));
        return new BroadcastOperator(namespace, Set.copyOf(union), except, batch);
    }

    public BroadcastOperator except(String... roomsOrSocketIds) {
        Set<String> union = new HashSet<>(except);
        union.addAll(Arrays.asList(roomsOrSocketIds));
        return new BroadcastOperator(namespace, rooms, Set.copyOf(union), batch);
    }

    /** Emits of the returned operator are queued now and written when {@code batch} is closed. */
    public BroadcastOperator inBatch(BroadcastBatch batch) {
        return new BroadcastOperator(namespace, rooms, except, batch);
    }

    /** Encodes the event once and queues the same frames on every selected socket, each socket once. */
    public void emit(String event, Object... args) {
        if (rooms.size() == 1) {
            emitToOneRoom(rooms.iterator().next(), event, args);
            return;
        }
        List<SocketIoSocket> targets = sockets();
        if (targets.isEmpty()) {
            return;
        }
        List<EnginePacket> frames = encode(event, args);
        DeferredWrites deferred = batch == null ? null : batch.writes;
        for (SocketIoSocket socket : targets) {
            socket.sendEncoded(frames, deferred);
        }
    }

    /**
     * The common case (a chat room, with or without the sender): the room's members are each there once already, so
     * they are written to straight from the room, with no set to gather them in (that set was most of what a
     * broadcast allocated per socket).
     */
    private void emitToOneRoom(String room, String event, Object[] args) {
        Set<SocketIoSocket> members = namespace.members(room);
        if (members.isEmpty()) {
            return;
        }
        List<EnginePacket> frames = encode(event, args);
        DeferredWrites deferred = batch == null ? null : batch.writes;
        String[] excluded = except.toArray(String[]::new);
        for (SocketIoSocket socket : members) {
            if (!inAny(socket, excluded)) {
                socket.sendEncoded(frames, deferred);
            }
        }
    }

    private static boolean inAny(SocketIoSocket socket, String[] rooms) {
        for (String room : rooms) {
            if (socket.roomsInternal().contains(room)) {
                return true;
            }
        }
        return false;
    }

    private List<EnginePacket> encode(String event, Object[] args) {
        return namespace.server().codec().encode(PacketType.EVENT, namespace.name(), null,
                Args.eventArray(namespace.server().mapper(), event, args));
    }

    /** The selected sockets, each once. */
    public List<SocketIoSocket> sockets() {
        Set<SocketIoSocket> selected = new LinkedHashSet<>();
        if (rooms.isEmpty()) {
            selected.addAll(namespace.allSockets());
        } else {
            for (String room : rooms) {
                selected.addAll(namespace.members(room));
            }
        }
        if (!except.isEmpty()) {
            for (String room : except) {
                selected.removeAll(namespace.members(room));
            }
        }
        List<SocketIoSocket> out = new ArrayList<>(selected.size());
        for (SocketIoSocket s : selected) {
            if (s.connected()) {
                out.add(s);
            }
        }
        return out;
    }

    public void socketsJoin(String... roomNames) {
        Collection<String> list = Arrays.asList(roomNames);
        for (SocketIoSocket s : sockets()) {
            s.join(list.toArray(String[]::new));
        }
    }

    public void socketsLeave(String... roomNames) {
        for (SocketIoSocket s : sockets()) {
            s.leave(roomNames);
        }
    }

    public void disconnectSockets(boolean closeConnection) {
        for (SocketIoSocket s : sockets()) {
            s.disconnect(closeConnection);
        }
    }
}
