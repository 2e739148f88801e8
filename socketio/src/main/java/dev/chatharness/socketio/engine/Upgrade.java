package dev.chatharness.socketio.engine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The upgrade of one session to a WebSocket, as engine.io's {@code maybeUpgrade}: a WebSocket opened with the sid
 * becomes the probe; "2probe" on it is answered "3probe", and from then on a waiting poll is ended with a noop every
 * 100 ms so the client can pause polling; "5" switches the session over ({@link EngineSession#switchToLocked}); any
 * other packet on the probe, its close or {@code upgradeTimeout} ends the probe and the session goes on as before.
 * One probe at a time, and one upgrade per session: later WebSockets with the sid are closed.
 *
 * <p>While a probe is open, HTTP requests wait for the client's order ({@link ClientOrder}). Fields are guarded by
 * the session's lock.
 */
final class Upgrade {
    private static final Runnable NOTHING = () -> { };
    private static final Consumer<Throwable> IGNORE = failure -> { };
    /** engine.io's check interval: how often a poll waiting during an upgrade is ended with a noop. */
    private static final long NOOP_CHECK_MS = 100;

    private final EngineSession session;
    private final EngineOptions options;
    private final ScheduledExecutorService scheduler;
    private final ClientOrder order = new ClientOrder();

    // ---- guarded by session.lock
    private FrameSink probe;
    private boolean upgraded;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> noopCheck;
    // ----

    Upgrade(EngineSession session, EngineOptions options, ScheduledExecutorService scheduler) {
        this.session = session;
        this.options = options;
        this.scheduler = scheduler;
    }

    /**
     * A WebSocket is being opened with this session's sid. False if it may not probe (one is probing already, the
     * session upgraded once or is closing): the caller closes it once open, as engine.io does.
     */
    boolean attach(FrameSink ws) {
        synchronized (session.lock) {
            if (probe != null || upgraded || session.isClosingLocked() || session.isClosedLocked()) {
                return false;
            }
            probe = ws;
            timeout = scheduler.schedule(() -> abort(ws), options.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /**
     * Runs {@code resume} (the rest of an HTTP request) now if no probe is open, otherwise once the client's
     * WebSocket has caught up with the request, see {@link ClientOrder}.
     */
    void inClientOrder(Runnable resume) {
        FrameSink target;
        byte[] ping = null;
        synchronized (session.lock) {
            target = probe;
            if (target != null) {
                ping = order.waitLocked(resume);
            }
        }
        if (target == null) {
            resume.run();
        } else {
            target.sendPing(ping, NOTHING, IGNORE);
        }
    }

    void onPong(FrameSink ws, ByteBuffer payload) {
        List<Runnable> released;
        synchronized (session.lock) {
            released = ws == probe ? order.onPongLocked(payload) : List.of();
        }
        EngineSession.runEach(released);
    }

    /** A packet on a WebSocket that is not the session's active one; null for a malformed one. */
    void onProbePacket(FrameSink ws, EnginePacket packet) {
        if (packet != null && packet.type() == EnginePacket.Type.PING && "probe".equals(packet.text())) {
            answerProbe(ws);
        } else if (packet != null && packet.type() == EnginePacket.Type.UPGRADE) {
            complete(ws); // engine.io switches on "5" even without a probe before it
        } else {
            abort(ws);
        }
    }

    private void answerProbe(FrameSink ws) {
        synchronized (session.lock) {
            if (ws != probe) {
                return;
            }
            cancel(noopCheck);
            noopCheck = scheduler.scheduleAtFixedRate(session.polling::releaseWithNoop, NOOP_CHECK_MS, NOOP_CHECK_MS,
                    TimeUnit.MILLISECONDS);
        }
        ws.sendText("3probe", NOTHING, IGNORE);
    }

    /**
     * "5" on {@code ws}: the session switches to it, and the requests held for the client's order then see the
     * session upgraded. One step under the lock, so no request can find the probe gone and the session not yet
     * switched.
     */
    private void complete(FrameSink ws) {
        Runnable switched = null;
        List<Runnable> resumed = List.of();
        synchronized (session.lock) {
            if (ws == probe && session.isOpenLocked()) {
                clearLocked();
                upgraded = true;
                switched = session.switchToLocked(ws);
                resumed = order.releaseAllLocked();
            }
        }
        if (switched == null) {
            abort(ws); // not the probe, or the session is closing
            return;
        }
        switched.run();
        EngineSession.runEach(resumed);
    }

    /** Ends the probe and closes it; the session goes on with its transport. */
    void abort(FrameSink ws) {
        if (endProbe(ws)) {
            ws.close();
        }
    }

    void onProbeClosed(FrameSink ws) {
        endProbe(ws);
    }

    /** The session closed: a probe still open is closed too. */
    void end() {
        FrameSink ws;
        synchronized (session.lock) {
            ws = probe;
        }
        if (ws != null) {
            abort(ws);
        }
    }

    private boolean endProbe(FrameSink ws) {
        List<Runnable> released;
        synchronized (session.lock) {
            if (ws != probe) {
                return false;
            }
            clearLocked();
            released = order.releaseAllLocked();
        }
        EngineSession.runEach(released);
        return true;
    }

    private void clearLocked() {
        probe = null;
        cancel(timeout);
        cancel(noopCheck);
        timeout = null;
        noopCheck = null;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
