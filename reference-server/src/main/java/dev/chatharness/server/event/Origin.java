package dev.chatharness.server.event;

/**
 * Where a change came from. A change made over a socket is broadcast to the room except that socket; a change
 * made over REST ({@link #REST}) goes to the whole room. The realtime layer supplies its own implementation that
 * carries the socket.
 */
public interface Origin {
    Origin REST = () -> "rest";

    /** The socket id, or {@code rest}. Also keys rate limits in the {@code RATE_LIMIT_PER_SOCKET} defect. */
    String connectionId();
}
