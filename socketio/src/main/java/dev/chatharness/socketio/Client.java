package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatharness.socketio.engine.DeferredWrites;
import dev.chatharness.socketio.engine.EnginePacket;
import dev.chatharness.socketio.engine.EngineSession;
import dev.chatharness.socketio.engine.EngineSessionHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of one Engine.IO session: decodes packets (reassembling binary attachments), routes them to
 * the socket of their namespace, and closes the connection on anything the reference parser would reject.
 * Engine.IO delivers one session's messages one at a time, so the decoding state needs no lock.
 */
final class Client implements EngineSessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Client.class);

    private final SocketIoServer server;
    private final EngineSession session;
    private final Instant issued = Instant.now();
    /** namespace name -> connected socket of this client */
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> connectTimeout;

    private Packet pending;
    private List<byte[]> pendingBuffers;

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.connectTimeout = server.scheduler().schedule(() -> {
            if (sockets.isEmpty()) {
                LOG.debug("session {}: no namespace connected in time, closing", session.id());
                session.close();
            }
        }, server.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    EngineSession session() {
        return session;
    }

    void send(List<EnginePacket> packets) {
        session.send(packets);
    }

    void send(List<EnginePacket> packets, DeferredWrites deferred) {
        session.send(packets, deferred);
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void onMessage(String text) {
        try {
            if (pending != null) {
                throw new InvalidPacketException("got plaintext data when reconstructing a packet");
            }
            Packet packet = server.codec().decode(text);
            if (packet.attachments() > 0) {
                pending = packet;
                pendingBuffers = new ArrayList<>(packet.attachments());
                return;
            }
            dispatch(packet);
        } catch (InvalidPacketException e) {
            parseError(e);
        }
    }

    @Override
    public void onBinary(byte[] data) {
        try {
            if (pending == null) {
                throw new InvalidPacketException("got binary data when not reconstructing a packet");
            }
            pendingBuffers.add(data);
            if (pendingBuffers.size() < pending.attachments()) {
                return;
            }
            Packet header = pending;
            List<byte[]> buffers = pendingBuffers;
            pending = null;
            pendingBuffers = null;
            JsonNode data1 = header.data() == null ? null : PacketCodec.reconstruct(header.data(), buffers);
            dispatch(new Packet(header.type(), header.nsp(), header.id(), data1, 0));
        } catch (InvalidPacketException e) {
            parseError(e);
        }
    }

    private void parseError(InvalidPacketException e) {
        LOG.debug("session {}: invalid Socket.IO packet ({}), closing", session.id(), e.getMessage());
        closeWithReason("parse error");
    }

    /**
     * socket.io's rule: a CONNECT is valid only for a namespace this client is not connected to, every other packet
     * only for one it is connected to (and a client never sends CONNECT_ERROR). Anything else (an EVENT before the
     * CONNECT or after the DISCONNECT, a second CONNECT, ...) closes the whole connection at once.
     *
     * <p>Except a second CONNECT sent before the client could have received the answer to its first: socket.io
     * accepts that race (its namespace join is asynchronous), and the official JavaScript client runs into it when
     * {@code manager.socket(nsp)} is followed by {@code connect()}. It is ignored; the first answer stands.
     */
    private void dispatch(Packet packet) {
        SocketIoSocket socket = sockets.get(packet.nsp());
        if (socket == null && packet.type() == PacketType.CONNECT) {
            connect(packet.nsp(), packet.data());
        } else if (socket != null && packet.type() != PacketType.CONNECT
                && packet.type() != PacketType.CONNECT_ERROR) {
            socket.onPacket(packet);
        } else if (socket != null && packet.type() == PacketType.CONNECT && !socket.connectAnswerReceived()) {
            LOG.debug("session {}: a CONNECT to {} that crossed the answer to the first, ignored", session.id(),
                    packet.nsp());
        } else {
            LOG.debug("session {}: {} packet for namespace {} in the wrong state, closing", session.id(),
                    packet.type(), packet.nsp());
            closeWithReason("forced server close");
        }
    }

    private void connect(String nspName, JsonNode auth) {
        Namespace nsp = server.existingNamespace(nspName);
        if (nsp == null) {
            ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace");
            send(server.codec().encode(PacketType.CONNECT_ERROR, nspName, null, error));
            return;
        }
        EngineSession s = session;
        Handshake handshake = new Handshake(s.request().headers(), s.request().query(), s.request().remoteAddress(),
                auth == null ? NullNode.getInstance() : auth, issued, s.url());
        nsp.add(this, handshake);
    }

    /** Called by the namespace once the socket is accepted, before CONNECT is sent. */
    void added(SocketIoSocket socket) {
        sockets.put(socket.namespace().name(), socket);
        connectTimeout.cancel(false);
    }

    void removed(SocketIoSocket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    // ------------------------------------------------------------------ close

    /** Server-side close of the whole connection: every socket sends 41 first. */
    void disconnectAll() {
        for (SocketIoSocket socket : List.copyOf(sockets.values())) {
            socket.disconnect(false);
        }
        session.close();
    }

    private void closeWithReason(String reason) {
        for (SocketIoSocket socket : List.copyOf(sockets.values())) {
            socket.onClose(reason);
        }
        session.close();
    }

    @Override
    public void onClose(String reason) {
        connectTimeout.cancel(false);
        for (SocketIoSocket socket : List.copyOf(sockets.values())) {
            socket.onClose(reason);
        }
        pending = null;
        pendingBuffers = null;
    }
}
