package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chatharness.socketio.engine.DeferredWrites;
import dev.chatharness.socketio.engine.EnginePacket;
import dev.chatharness.socketio.engine.RandomIds;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connected to one namespace. Its id is per namespace (not the Engine.IO sid). Every method is
 * thread-safe; listeners for this socket run in the order packets arrived, on the thread that received them.
 */
public final class SocketIoSocket {
    private static final Logger LOG = LoggerFactory.getLogger(SocketIoSocket.class);

    private enum State { CONNECTING, CONNECTED, DISCONNECTED }

    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final String id;
    private final ConcurrentMap<SocketKey<?>, Object> attachments = new ConcurrentHashMap<>();
    private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>();
    private final List<UnhandledEventListener> unhandledListeners = new CopyOnWriteArrayList<>();
    private final List<DisconnectListener> disconnectListeners = new CopyOnWriteArrayList<>();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private volatile State state = State.CONNECTING;
    /** The client has certainly received the CONNECT answer: from then on it cannot CONNECT here again by accident. */
    private volatile boolean connectAnswerReceived;
    private final AtomicBoolean closing = new AtomicBoolean();

    private record PendingAck(AckCallback callback, ScheduledFuture<?> timeout) {
    }

    SocketIoSocket(Namespace namespace, Client client, Handshake handshake) {
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
        this.id = RandomIds.next();
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Attaches {@code value} (e.g. the authenticated user) under {@code key}; {@code null} removes it. */
    public <T> void set(SocketKey<T> key, T value) {
        if (value == null) {
            attachments.remove(key);
        } else {
            attachments.put(key, value);
        }
    }

    /** What is attached under {@code key}, or {@code null}. */
    public <T> T get(SocketKey<T> key) {
        return key.cast(attachments.get(key));
    }

    /**
     * What is attached under {@code key}, which must be there (e.g. set by a middleware every socket passed).
     *
     * @throws IllegalStateException if nothing is
     */
    public <T> T require(SocketKey<T> key) {
        T value = get(key);
        if (value == null) {
            throw new IllegalStateException(this + " has nothing under " + key);
        }
        return value;
    }

    /** "polling" or "websocket": the transport in use now. */
    public String transport() {
        return client.session().transport();
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }

    public void on(String event, EventListener listener) {
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    public void onUnhandledEvent(UnhandledEventListener listener) {
        unhandledListeners.add(listener);
    }

    public void onDisconnect(DisconnectListener listener) {
        disconnectListeners.add(listener);
    }

    public void emit(String event, Object... args) {
        if (state == State.DISCONNECTED) {
            return;
        }
        send(PacketType.EVENT, null, Args.eventArray(namespace.server().mapper(), event, args));
    }

    /**
     * Emits with an ack id; {@code callback} gets the client's answer, or {@link AckCallback#onTimeout()} after
     * {@code timeout} (also when the socket disconnects first and the answer never comes).
     */
    public void emitWithAck(String event, Object[] args, Duration timeout, AckCallback callback) {
        long ackId = nextAckId.getAndIncrement();
        ScheduledFuture<?> timer = namespace.server().scheduler().schedule(() -> {
            PendingAck pending = acks.remove(ackId);
            if (pending != null) {
                safely(() -> pending.callback().onTimeout());
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        acks.put(ackId, new PendingAck(callback, timer));
        if (state == State.DISCONNECTED) {
            return; // the timeout will report it
        }
        send(PacketType.EVENT, ackId, Args.eventArray(namespace.server().mapper(), event, args));
    }

    /** The whole namespace except this socket. */
    public BroadcastOperator broadcast() {
        return namespace.except(id);
    }

    /** The given rooms except this socket. */
    public BroadcastOperator to(String... rooms) {
        return namespace.to(rooms).except(id);
    }

    public void join(String... roomNames) {
        namespace.join(this, Arrays.asList(roomNames));
    }

    public void leave(String... roomNames) {
        namespace.leave(this, Arrays.asList(roomNames));
    }

    /** Rooms this socket is in, its own id room included; a snapshot. */
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /**
     * Leaves the namespace: sends DISCONNECT (41) for it; with {@code closeConnection}, every namespace of this client
     * is disconnected and the underlying connection closed.
     */
    public void disconnect(boolean closeConnection) {
        if (state != State.CONNECTED) {
            return;
        }
        if (closeConnection) {
            client.disconnectAll();
            return;
        }
        send(PacketType.DISCONNECT, null, null);
        onClose("server namespace disconnect");
    }

    @Override
    public String toString() {
        return "SocketIoSocket[" + namespace.name() + "#" + id + "]";
    }

    // ------------------------------------------------------------------ package-private plumbing

    Set<String> roomsInternal() {
        return rooms;
    }

    boolean connectedOrConnecting() {
        return state != State.DISCONNECTED;
    }

    /** Marks the socket connected and sends 40; false if it was closed meanwhile (then nothing is sent). */
    boolean onConnect() {
        synchronized (this) {
            if (closing.get()) {
                return false;
            }
            state = State.CONNECTED;
        }
        send(PacketType.CONNECT, null, JsonNodeFactory.instance.objectNode().put("sid", id));
        client.session().whenReceived(() -> connectAnswerReceived = true);
        return true;
    }

    boolean connectAnswerReceived() {
        return connectAnswerReceived;
    }

    void sendEncoded(List<EnginePacket> frames, DeferredWrites deferred) {
        if (state == State.CONNECTED) {
            client.send(frames, deferred);
        }
    }

    private void send(PacketType type, Long ackId, JsonNode payload) {
        client.send(namespace.server().codec().encode(type, namespace.name(), ackId, payload));
    }

    void onPacket(Packet packet) {
        if (state != State.CONNECTED) {
            return;
        }
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> onClose("client namespace disconnect");
            default -> LOG.debug("{}: ignoring {} packet", this, packet.type());
        }
    }

    private void onEvent(Packet packet) {
        JsonNode array = packet.data();
        JsonNode first = array.get(0);
        String event = first.isTextual() ? first.textValue() : first.asText();
        List<JsonNode> args = Args.tail(array, 1);
        Ack ack = packet.id() == null ? null : new OnceAck(packet.id());
        List<EventListener> handlers = listeners.get(event);
        if (handlers == null || handlers.isEmpty()) {
            for (UnhandledEventListener l : unhandledListeners) {
                safely(() -> l.onEvent(this, event, args, ack));
            }
            return;
        }
        for (EventListener l : handlers) {
            safely(() -> l.onEvent(this, args, ack));
        }
    }

    private void onAck(Packet packet) {
        PendingAck pending = acks.remove(packet.id());
        if (pending == null) {
            return;
        }
        pending.timeout().cancel(false);
        List<JsonNode> args = Args.tail(packet.data(), 0);
        safely(() -> pending.callback().onAck(args));
    }

    /** Leaves the namespace for {@code reason}; runs the disconnect listeners once. */
    void onClose(String reason) {
        boolean wasConnected;
        synchronized (this) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            wasConnected = state == State.CONNECTED;
            state = State.DISCONNECTED;
        }
        namespace.remove(this);
        client.removed(this);
        if (!wasConnected) {
            return;
        }
        for (DisconnectListener l : disconnectListeners) {
            safely(() -> l.onDisconnect(this, reason));
        }
    }

    private void safely(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            // One listener's bug must not break the connection or the other listeners.
            LOG.warn("{}: listener failed", this, e);
        }
    }

    /** The ack of one client event: the first send wins. */
    private final class OnceAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        OnceAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            if (!sent.compareAndSet(false, true) || state != State.CONNECTED) {
                return;
            }
            SocketIoSocket.this.send(PacketType.ACK, ackId, Args.ackArray(namespace.server().mapper(), args));
        }
    }

}
