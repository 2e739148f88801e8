package dev.chatharness.socketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one endpoint by sid, and for a moment the polling sessions that just closed, for the polls that
 * Jetty hands over after the close although they were sent before it ({@link #lateAnswer}).
 */
final class SessionRegistry {
    private record Closed(long at, String pollAnswer, boolean noopOwed) {
    }

    /** How long after a client's close a poll read late may still be one it sent together with the close. */
    private static final long REORDER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, EngineSession> live = new ConcurrentHashMap<>();
    private final Map<String, Closed> recentlyClosed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Duration remembered;

    /** @param remembered how long a closed polling session's sid is remembered for polls that began before */
    SessionRegistry(ScheduledExecutorService scheduler, Duration remembered) {
        this.scheduler = scheduler;
        this.remembered = remembered;
    }

    void add(EngineSession session) {
        live.put(session.id(), session);
    }

    EngineSession get(String sid) {
        return live.get(sid);
    }

    void remove(EngineSession session) {
        if (live.remove(session.id(), session) && live.isEmpty()) {
            synchronized (live) {
                live.notifyAll();
            }
        }
    }

    /**
     * A polling session began to close: its sid is remembered for a while, for polls read late.
     *
     * @param closedAt System.nanoTime of the close
     * @param pollAnswer what a poll waiting at the close got
     * @param noopOwed whether a poll read late may still get the noop of a client's close
     */
    void rememberClosed(String sid, long closedAt, String pollAnswer, boolean noopOwed) {
        Closed closed = new Closed(closedAt, pollAnswer, noopOwed);
        recentlyClosed.put(sid, closed);
        scheduler.schedule(() -> recentlyClosed.remove(sid, closed), remembered.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What a poll read after its session closed is answered; null: "Session ID unknown". If it arrived
     * (System.nanoTime) before the close, what a poll waiting at the close got ("6" if the client asked to close,
     * "1" otherwise); if after, "Session ID unknown". Except shortly after a close the client asked for:
     * engine.io reads requests in the order their connections became readable, Jetty does not keep that order
     * between two connections, so a poll the client sent together with its close (as the official suite does) can
     * be read after it on a loaded machine, and gets the noop it would have had. The noop of a client's close goes
     * to one poll only, whichever way it comes.
     */
    String lateAnswer(String sid, long arrival) {
        Closed closed = recentlyClosed.get(sid);
        if (closed == null) {
            return null;
        }
        boolean before = arrival - closed.at() < 0;
        if (closed.noopOwed() && (before || arrival - closed.at() < REORDER_GRACE_NANOS)) {
            // the noop of a client's close goes to one poll only
            return recentlyClosed.replace(sid, closed, new Closed(closed.at(), closed.pollAnswer(), false)) ? "6"
                    : lateAnswer(sid, arrival);
        }
        return before ? closed.pollAnswer() : null;
    }

    int size() {
        return live.size();
    }

    List<EngineSession> snapshot() {
        return new ArrayList<>(live.values());
    }

    /** Waits until no session is left or {@code limit} passes; true if none is left. */
    boolean awaitEmpty(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (live) {
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                live.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }
}
