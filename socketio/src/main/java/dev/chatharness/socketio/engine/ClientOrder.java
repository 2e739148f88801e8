package dev.chatharness.socketio.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the HTTP requests of an upgrading session back in the order the client sent them relative to its probe
 * WebSocket. A client may send "5" on the probe and a poll right after it; Jetty reads the two connections on
 * different threads, so the poll could be handled first and be answered as if the upgrade had not happened. So a
 * request that arrives while a probe is open waits for a WebSocket ping, sent after its arrival, to come back: the
 * client answers the ping after every frame it sent before it, on the same connection, and Jetty hands one
 * connection's frames over one at a time, in order. When the pong is handled, so is everything the client sent on
 * the WebSocket before the request. The wait also ends when the probe does (upgrade, abort, close, timeout).
 *
 * <p>Guarded by the session's lock; the released requests are resumed by the caller, after the lock.
 */
final class ClientOrder {
    private record Waiter(long ping, Runnable resume) {
    }

    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long pings;

    /** Registers {@code resume}; returns the payload of the ping to send for it. */
    byte[] waitLocked(Runnable resume) {
        long ping = ++pings;
        waiting.add(new Waiter(ping, resume));
        return Long.toString(ping).getBytes(StandardCharsets.US_ASCII);
    }

    /** The requests a pong with {@code payload} releases: every one whose ping was sent before it. */
    List<Runnable> onPongLocked(ByteBuffer payload) {
        long ping;
        try {
            ping = Long.parseLong(StandardCharsets.US_ASCII.decode(payload).toString());
        } catch (NumberFormatException e) {
            return List.of(); // not an answer to one of our pings (a client may send pongs of its own)
        }
        List<Runnable> released = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.peek().ping() <= ping) {
            released.add(waiting.poll().resume());
        }
        return released;
    }

    List<Runnable> releaseAllLocked() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Runnable> released = new ArrayList<>(waiting.size());
        for (Waiter w : waiting) {
            released.add(w.resume());
        }
        waiting.clear();
        return released;
    }
}
