package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO namespace: its middleware, connection handlers, connected sockets and rooms. Thread-safe.
 */
public final class Namespace {
    private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);

    private final SocketIoServer server;
    private final String name;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketIoSocket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
    /** room -> member sockets; a room exists while it has members. Mutated under {@code this}. */
    private final Map<String, Set<SocketIoSocket>> rooms = new ConcurrentHashMap<>();

    Namespace(SocketIoServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void use(Middleware middleware) {
        middlewares.add(middleware);
    }

    public void onConnection(Consumer<SocketIoSocket> handler) {
        connectionHandlers.add(handler);
    }

    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(this, Set.of(), Set.of(), null).to(rooms);
    }

    public BroadcastOperator except(String... roomsOrSocketIds) {
        return new BroadcastOperator(this, Set.of(), Set.of(), null).except(roomsOrSocketIds);
    }

    /** Emits to every socket of the namespace. */
    public void emit(String event, Object... args) {
        new BroadcastOperator(this, Set.of(), Set.of(), null).emit(event, args);
    }

    public Collection<SocketIoSocket> sockets() {
        return Collections.unmodifiableCollection(List.copyOf(sockets.values()));
    }

    public Optional<SocketIoSocket> socket(String socketId) {
        return Optional.ofNullable(sockets.get(socketId));
    }

    SocketIoServer server() {
        return server;
    }

    // ------------------------------------------------------------------ connection

    /** A client's CONNECT: run middleware, then accept (40 with the socket id) or refuse (44). */
    void add(Client client, Handshake handshake) {
        SocketIoSocket socket = new SocketIoSocket(this, client, handshake);
        for (Middleware m : middlewares) {
            try {
                m.handle(socket);
            } catch (ConnectionRefusedException e) {
                leaveAll(socket); // rooms an earlier middleware joined
                refuse(client, e.getMessage(), e.data());
                return;
            } catch (RuntimeException e) {
                LOG.warn("namespace {}: middleware failed, refusing the connection", name, e);
                leaveAll(socket);
                refuse(client, "server error", null);
                return;
            }
            if (!client.session().isOpen()) {
                leaveAll(socket);
                return;
            }
        }
        sockets.put(socket.id(), socket);
        client.added(socket);
        join(socket, List.of(socket.id()));
        if (!socket.onConnect()) {
            return;
        }
        for (Consumer<SocketIoSocket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                LOG.warn("namespace {}: connection handler failed", name, e);
            }
        }
    }

    private void refuse(Client client, String message, Object data) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", message == null ? "" : message);
        if (data != null) {
            error.set("data", Args.toNode(server.mapper(), data));
        }
        client.send(server.codec().encode(PacketType.CONNECT_ERROR, name, null, error));
    }

    void remove(SocketIoSocket socket) {
        leaveAll(socket);
        sockets.remove(socket.id(), socket);
    }

    // ------------------------------------------------------------------ rooms

    synchronized void join(SocketIoSocket socket, Collection<String> roomNames) {
        if (!socket.connectedOrConnecting()) {
            return;
        }
        for (String room : roomNames) {
            rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socket);
            socket.roomsInternal().add(room);
        }
    }

    synchronized void leave(SocketIoSocket socket, Collection<String> roomNames) {
        for (String room : roomNames) {
            Set<SocketIoSocket> members = rooms.get(room);
            if (members != null) {
                members.remove(socket);
                if (members.isEmpty()) {
                    rooms.remove(room);
                }
            }
            socket.roomsInternal().remove(room);
        }
    }

    synchronized void leaveAll(SocketIoSocket socket) {
        leave(socket, List.copyOf(socket.roomsInternal()));
    }

    Set<SocketIoSocket> members(String room) {
        Set<SocketIoSocket> members = rooms.get(room);
        return members == null ? Set.of() : members;
    }

    Collection<SocketIoSocket> allSockets() {
        return sockets.values();
    }
}
