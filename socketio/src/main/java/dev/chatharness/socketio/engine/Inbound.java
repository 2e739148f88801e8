package dev.chatharness.socketio.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client sends one session, from either transport: decoded, judged as engine.io judges it (a ping from the
 * client, a malformed packet or a message handler failing closes the session; a close packet counts on polling
 * only), and its messages handed to the session's handler one at a time, in arrival order. The handler's calls never
 * overlap ({@code lock}), even during an upgrade when both transports may carry packets; its close notice takes
 * the same lock.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

    private final EngineSession session;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile EngineSessionHandler handler;

    Inbound(EngineSession session) {
        this.session = session;
    }

    void setHandler(EngineSessionHandler handler) {
        this.handler = handler;
    }

    /** A text frame from one of the session's WebSockets: the active one, or the probe of an upgrade. */
    void onWebSocketText(FrameSink ws, String text) {
        EnginePacket packet;
        try {
            packet = EngineCodec.decodeText(text);
        } catch (EngineCodec.InvalidPacketException e) {
            if (ws == session.websocket()) {
                onMalformedPacket(e.getMessage());
            } else {
                session.upgrade.onProbePacket(ws, null);
            }
            return;
        }
        if (ws == session.websocket()) {
            onPacket(packet, false);
        } else {
            session.upgrade.onProbePacket(ws, packet);
        }
    }

    void onWebSocketBinary(FrameSink ws, byte[] data) {
        if (ws == session.websocket()) {
            onPacket(EnginePacket.binary(data), false);
        } else {
            session.upgrade.onProbePacket(ws, EnginePacket.binary(data));
        }
    }

    void onWebSocketPong(FrameSink ws, ByteBuffer payload) {
        if (ws == session.websocket()) {
            session.onPong(payload);
        } else {
            session.upgrade.onPong(ws, payload);
        }
    }

    void onWebSocketClosed(FrameSink ws, boolean error) {
        if (ws == session.websocket()) {
            String reason = error ? EngineSession.TRANSPORT_ERROR : EngineSession.TRANSPORT_CLOSE;
            if (WebSocketWriter.inSendCall()) {
                // Reported inside a write of some session, maybe from an application's emit under its own locks:
                // the close notice runs the application's disconnect handlers, which may take those locks in
                // another order (a deadlock seen under a connection storm). socket.io never runs them inside an
                // emit either.
                session.closeLater(reason);
            } else {
                session.close(reason);
            }
        } else {
            session.upgrade.onProbeClosed(ws);
        }
    }

    /** A packet from the client on the active transport ({@code polling}: it came in a POST). */
    void onPacket(EnginePacket packet, boolean polling) {
        if (!session.isOpen()) {
            return; // like engine.io: packets of a closing session are dropped
        }
        switch (packet.type()) {
            case MESSAGE -> deliver(packet);
            case PONG -> session.heartbeat.onPong();
            // Engine.IO 4 pings from the server only: engine.io closes the session ("invalid heartbeat direction").
            case PING -> session.close(EngineSession.TRANSPORT_ERROR);
            // engine.io reads the close packet from polling only; on a WebSocket the client closes the socket.
            case CLOSE -> {
                if (polling) {
                    session.close(EngineSession.TRANSPORT_CLOSE);
                }
            }
            default -> LOG.debug("session {}: ignoring {} packet", session.id(), packet.type());
        }
    }

    /** Engine.IO's "parse error": the session is closed. */
    void onMalformedPacket(String why) {
        LOG.debug("session {}: malformed packet ({}), closing", session.id(), why);
        session.close(EngineSession.PARSE_ERROR);
    }

    private void deliver(EnginePacket packet) {
        lock.lock();
        try {
            EngineSessionHandler h = handler;
            if (h == null || !session.isOpen()) {
                return;
            }
            if (packet.isBinary()) {
                h.onBinary(packet.binary());
            } else {
                h.onMessage(packet.text());
            }
        } catch (RuntimeException e) {
            // A handler bug must not kill the transport thread or leak as a 500; it costs this session only.
            LOG.warn("session {}: message handler failed, closing the session", session.id(), e);
            session.close(EngineSession.TRANSPORT_ERROR);
        } finally {
            lock.unlock();
        }
    }

    /** Tells the handler the session is gone, once no message of it is being handled. */
    void notifyClosed(String reason) {
        lock.lock();
        try {
            EngineSessionHandler h = handler;
            if (h != null) {
                h.onClose(reason);
            }
        } catch (RuntimeException e) {
            LOG.warn("session {}: close handler failed", session.id(), e);
        } finally {
            lock.unlock();
        }
    }
}
