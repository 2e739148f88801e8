package dev.chatharness.socketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one endpoint by sid, and for a moment the polling sessions that just closed: a poll the client
 * sent before the close but that Jetty handed over after it gets what a poll waiting at the close got, instead of
 * "Session ID unknown" (e.g. a poll and a POST of the close packet sent together, as the official suite does).
 */
final class SessionRegistry {
    private record Closed(long at, String pollAnswer) {
    }

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

    /**
     * @param polling whether it ended on polling (then its sid is remembered for a while)
     * @param closedAt System.nanoTime of the close
     * @param pollAnswer what a poll waiting at the close got
     */
    void remove(EngineSession session, boolean polling, long closedAt, String pollAnswer) {
        if (polling) {
            recentlyClosed.put(session.id(), new Closed(closedAt, pollAnswer));
            scheduler.schedule(() -> recentlyClosed.remove(session.id()), remembered.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (live.remove(session.id(), session) && live.isEmpty()) {
            synchronized (live) {
                live.notifyAll();
            }
        }
    }

    /** The answer for a poll of a session no longer live that began (System.nanoTime) before it closed, or null. */
    String answerForPollBefore(String sid, long beganAt) {
        Closed closed = recentlyClosed.get(sid);
        return closed != null && beganAt - closed.at() < 0 ? closed.pollAnswer() : null;
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
