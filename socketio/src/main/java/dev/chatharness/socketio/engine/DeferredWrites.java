package dev.chatharness.socketio.engine;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket writes that sends through it put off: each session it {@linkplain #owe owes} has its packets queued
 * and its writer claimed, and is written by {@link #writeAll}, on the caller's thread. Meant for one thread (the one
 * holding an application lock while it sends); once written, further sends through it write at once.
 */
public final class DeferredWrites {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredWrites.class);

    private final List<EngineSession> owed = new ArrayList<>();
    private boolean written;

    void owe(EngineSession session) {
        if (written) {
            session.writer.writeQueued();
        } else {
            owed.add(session);
        }
    }

    /** Starts every write owed, in the order the sessions were first sent to. */
    public void writeAll() {
        written = true;
        for (EngineSession session : owed) {
            try {
                session.writer.writeQueued();
            } catch (RuntimeException e) {
                LOG.warn("session {}: deferred write failed", session.id(), e);
            }
        }
        owed.clear();
    }
}
