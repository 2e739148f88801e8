package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty WebSocket connection of the engine: it hands its frames (and pongs, and its close) to the session it
 * belongs to, the one it opened or the one it probes, and it is that session's {@link FrameSink}. Created by
 * {@link WebSocketTransport} before the handshake completes; Jetty calls it once open. Public only because Jetty
 * calls an endpoint's listener methods through public method handles; nothing outside this package can make one.
 */
public final class JettyWebSocket implements Session.Listener.AutoDemanding, FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(JettyWebSocket.class);

    private final EngineServer server;
    private final HandshakeRequest handshake;
    private final String url;
    /** The session it carries or probes; set at open for a connection that opens a session. */
    private volatile EngineSession session;
    /** A probe its session did not take (one is probing already, or it upgraded once): closed once open. */
    private volatile boolean refused;

    // ---- guarded by this: what was asked before Jetty opened the connection
    private Session connection;
    private byte[] pingBeforeOpen;
    private boolean closeBeforeOpen;
    // ----

    /** A connection that opens a new session. */
    JettyWebSocket(EngineServer server, HandshakeRequest handshake, String url) {
        this.server = server;
        this.handshake = handshake;
        this.url = url;
    }

    /** A connection with the sid of {@code session}: the candidate of an upgrade. */
    JettyWebSocket(EngineServer server, EngineSession session) {
        this.server = server;
        this.handshake = null;
        this.url = null;
        this.session = session;
    }

    /** Initial size of a text message's builder and of the connection's read buffer (pooled). */
    private static final int INPUT_BUFFER_SIZE = 1024;

    private static final Runnable NOTHING = () -> { };
    private static final Consumer<Throwable> IGNORE = failure -> { };

    /** The handshake is accepted: a probe becomes its session's probe now, before the client can send on it. */
    void accepted() {
        EngineSession probed = session;
        if (probed != null) {
            refused = !probed.upgrade.attach(this);
        }
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        EngineOptions options = server.options();
        opened.setMaxTextMessageSize(options.maxPayload());
        opened.setMaxBinaryMessageSize(options.maxPayload());
        opened.setMaxFrameSize(options.maxPayload());
        // Jetty starts every text message in a builder of this many chars (4,096 by default) and copies it out:
        // 4 KiB of garbage per packet, most of a flooding client's cost to the heap. Packets are mostly a few
        // hundred bytes; larger ones grow the builder as they arrive.
        opened.setInputBufferSize(INPUT_BUFFER_SIZE);
        // Liveness is the Engine.IO heartbeat's job; Jetty's idle timeout only backs it up.
        opened.setIdleTimeout(options.pingInterval().plus(options.pingTimeout()).multipliedBy(2));
        byte[] ping;
        boolean close;
        synchronized (this) {
            connection = opened;
            ping = pingBeforeOpen;
            close = closeBeforeOpen || refused;
        }
        if (close) {
            close();
            return;
        }
        if (session == null) {
            session = server.open(handshake, url, this);
        }
        if (ping != null) {
            sendPing(ping, NOTHING, IGNORE);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        EngineSession s = session;
        if (s != null && !refused) {
            s.inbound.onWebSocketText(this, text);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        EngineSession s = session;
        if (s != null && !refused) {
            s.inbound.onWebSocketBinary(this, bytes);
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        EngineSession s = session;
        if (s != null) {
            s.inbound.onWebSocketPong(this, payload);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed(false);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("websocket error: {}", cause.toString());
        closed(true);
    }

    private void closed(boolean error) {
        EngineSession s = session;
        if (s != null) {
            s.inbound.onWebSocketClosed(this, error);
        }
    }

    // ------------------------------------------------------------------ FrameSink

    @Override
    public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
        try {
            openConnection().sendText(text, Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    public void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed) {
        try {
            openConnection().sendBinary(ByteBuffer.wrap(data), Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    public void sendPing(byte[] payload, Runnable written, Consumer<Throwable> failed) {
        Session open;
        synchronized (this) {
            open = connection;
            if (open == null) {
                pingBeforeOpen = payload; // a probe's: a later ping proves as much as an earlier one
                written.run();
                return;
            }
        }
        try {
            open.sendPing(ByteBuffer.wrap(payload), Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    public void close() {
        Session open;
        synchronized (this) {
            open = connection;
            if (open == null) {
                closeBeforeOpen = true;
                return;
            }
        }
        try {
            open.close(StatusCode.NO_CODE, null, Callback.NOOP); // a close frame without a status, as ws sends
        } catch (RuntimeException e) {
            LOG.trace("closing websocket failed", e);
        }
    }

    private synchronized Session openConnection() {
        if (connection == null) {
            throw new IllegalStateException("websocket not open yet");
        }
        return connection;
    }
}
