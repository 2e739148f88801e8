package dev.chatharness.socketio.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server-driven heartbeat of Engine.IO 4 for one session: a ping every {@code pingInterval}, and the session
 * closed ("ping timeout") when no pong follows within {@code pingTimeout}. A pong nobody asked for is ignored: it
 * must not start a second ping cycle.
 *
 * <p>A request that arrived after the deadline finds the session timed out even if the loaded timer thread has not
 * got round to it yet ({@link #expiredBefore}), as with engine.io, whose event loop runs due timers before it reads
 * sockets; one that arrived in time is judged by its arrival, however late a busy thread handles it.
 */
final class Heartbeat {
    private final EngineSession session;
    private final EngineOptions options;
    private final ScheduledExecutorService scheduler;

    // ---- guarded by this
    private ScheduledFuture<?> nextPing;
    private ScheduledFuture<?> pongDeadline;
    /** When the pong of the ping sent is due (System.nanoTime); meaningful while {@code pongDeadline} is set. */
    private long pongDue;
    private boolean stopped;
    // ----

    Heartbeat(EngineSession session, EngineOptions options, ScheduledExecutorService scheduler) {
        this.session = session;
        this.options = options;
        this.scheduler = scheduler;
    }

    synchronized void start() {
        if (!stopped) {
            schedulePing();
        }
    }

    void onPong() {
        synchronized (this) {
            if (stopped || pongDeadline == null) {
                return;
            }
            pongDeadline.cancel(false);
            pongDeadline = null;
            schedulePing();
        }
    }

    /** Whether the pong was overdue when a request arrived (System.nanoTime), its timer run or not. */
    synchronized boolean expiredBefore(long arrival) {
        return !stopped && pongDeadline != null && arrival - pongDue > 0;
    }

    synchronized void stop() {
        stopped = true;
        cancel(nextPing);
        cancel(pongDeadline);
    }

    private void schedulePing() {
        nextPing = scheduler.schedule(this::ping, options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            pongDue = System.nanoTime() + options.pingTimeout().toNanos();
            pongDeadline = scheduler.schedule(() -> session.close(EngineSession.PING_TIMEOUT),
                    options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        session.send(EnginePacket.of(EnginePacket.Type.PING));
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
