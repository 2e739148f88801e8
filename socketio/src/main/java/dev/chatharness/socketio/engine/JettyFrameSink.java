package dev.chatharness.socketio.engine;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Javalin/Jetty WebSocket connection as a {@link FrameSink}; writes are Jetty's asynchronous sends. */
final class JettyFrameSink implements FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(JettyFrameSink.class);
    private final WsContext ctx;

    JettyFrameSink(WsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return ctx.sessionId();
    }

    @Override
    public void sendText(String text, Runnable written, Consumer<Throwable> failed) {
        try {
            ctx.session.sendText(text, Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    public void sendBinary(byte[] data, Runnable written, Consumer<Throwable> failed) {
        try {
            ctx.session.sendBinary(ByteBuffer.wrap(data), Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    public void close() {
        try {
            ctx.closeSession(1000, "");
        } catch (RuntimeException e) {
            LOG.trace("closing websocket failed", e);
        }
    }
}
