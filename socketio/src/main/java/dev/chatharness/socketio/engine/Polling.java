package dev.chatharness.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The long-polling side of one session, as engine.io's polling transport: at most one GET and one POST under way at
 * a time (a second concurrent one is answered 400 and closes the session), a GET that waits until something is
 * queued, and the packets of a POST delivered in order until a malformed one closes the session.
 *
 * <p>A request is "under way" from the moment it arrives, including while it waits for the client's WebSocket to
 * catch up during an upgrade ({@link Upgrade#inClientOrder}). Fields are guarded by the session's lock.
 */
final class Polling {
    private final EngineSession session;
    private final EngineOptions options;

    // ---- guarded by session.lock
    private boolean getUnderWay;
    /** When the GET under way arrived (System.nanoTime): of two overlapping GETs, the later one is refused. */
    private long getArrival;
    /** The GET under way arrived after another one that overlapped it: it is answered 400 when its turn comes. */
    private boolean getOvertaken;
    /** The GET under way, once it waits for packets. */
    private CompletableFuture<String> waitingPoll;
    private boolean postUnderWay;
    // ----

    Polling(EngineSession session, EngineOptions options) {
        this.session = session;
        this.options = options;
    }

    /**
     * A GET arrived at {@code arrival} (System.nanoTime). A second one while another is under way closes the
     * session, as engine.io does: the one that arrived first gets the close packet, the later one 400, whichever
     * of the two Jetty handed over first.
     */
    void beginGet(long arrival) {
        boolean thisIsLater;
        CompletableFuture<String> overtaken = null;
        synchronized (session.lock) {
            if (session.isClosedLocked()) {
                return; // its answer depends on when it arrived: see poll
            }
            refuseIfNotPollingLocked();
            if (!getUnderWay) {
                getUnderWay = true;
                getArrival = arrival;
                getOvertaken = false;
                return;
            }
            thisIsLater = arrival - getArrival >= 0;
            if (!thisIsLater) {
                overtaken = takeWaitingPoll();
                getOvertaken = overtaken == null; // still waiting for its turn: refused when it comes
            }
        }
        if (overtaken != null) {
            overtaken.completeExceptionally(new EngineRequestException(EngineError.BAD_REQUEST));
        }
        session.close(EngineSession.TRANSPORT_ERROR);
        if (thisIsLater) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        // this GET arrived first: it gets what a poll waiting at the close got (see poll)
    }

    /**
     * The answer to the GET that {@link #beginGet} accepted, once its turn has come: what is queued, at once, or
     * whatever is queued next. Its {@code arrival} decides between a GET the close overtook, which gets what a
     * waiting poll got, and one that came after the close.
     */
    CompletableFuture<String> poll(long arrival) {
        String answer;
        List<Runnable> received = List.of();
        boolean closed = false;
        synchronized (session.lock) {
            if (getOvertaken && getArrival == arrival) {
                getOvertaken = false;
                getUnderWay = false;
                throw new EngineRequestException(EngineError.BAD_REQUEST);
            }
            getUnderWay = false;
            if (session.isClosedLocked()) {
                answer = session.lateAnswer(arrival);
                if (answer == null) {
                    throw new EngineRequestException(EngineError.UNKNOWN_SID);
                }
            } else if (session.websocket() != null) {
                throw new EngineRequestException(EngineError.BAD_REQUEST); // upgraded while this GET waited its turn
            } else if (!session.queueLocked().isEmpty()) {
                answer = session.queueLocked().drain();
                received = session.queueLocked().takeDueReceipts();
            } else if (session.isClosingLocked()) {
                // A server close with nothing left to send: engine.io answers a waiting poll "close", a later one
                // "noop" then "close". Either way the session is gone after this.
                answer = session.beganBeforeCloseLocked(arrival) ? "1" : "6" + EngineCodec.SEPARATOR + "1";
                closed = session.markClosedLocked();
            } else {
                getUnderWay = true;
                waitingPoll = new CompletableFuture<>();
                return waitingPoll;
            }
        }
        if (closed) {
            session.afterClosed(EngineSession.FORCED_CLOSE);
        }
        CompletableFuture<String> done = CompletableFuture.completedFuture(answer);
        EngineSession.runEach(received);
        return done;
    }

    /** Whether a GET waits for packets (for tests). */
    boolean hasWaitingPoll() {
        synchronized (session.lock) {
            return waitingPoll != null;
        }
    }

    /** Whether a POST is under way (for tests). */
    boolean hasPostUnderWay() {
        synchronized (session.lock) {
            return postUnderWay;
        }
    }

    /** The waiting GET, taken to be answered by the caller once the lock is released; null if none waits. */
    CompletableFuture<String> takeWaitingPoll() {
        CompletableFuture<String> poll = waitingPoll;
        if (poll != null) {
            waitingPoll = null;
            getUnderWay = false;
        }
        return poll;
    }

    /** Ends a waiting GET with a noop, so that an upgrading client can pause polling (engine.io's 100 ms check). */
    void releaseWithNoop() {
        CompletableFuture<String> poll;
        synchronized (session.lock) {
            poll = session.websocket() == null ? takeWaitingPoll() : null;
        }
        if (poll != null) {
            poll.complete("6");
        }
    }

    /** A POST arrived. A second one while the first is under way closes the session, as engine.io does. */
    void beginPost() {
        synchronized (session.lock) {
            refuseIfNotPollingLocked();
            if (!postUnderWay) {
                postUnderWay = true;
                return;
            }
        }
        session.close(EngineSession.TRANSPORT_ERROR); // "data request overlap from client"
        throw new EngineRequestException(EngineError.BAD_REQUEST);
    }

    /**
     * The body of the POST that {@link #beginPost} accepted, once its turn has come: its packets are delivered in
     * order; a malformed one closes the session after those before it, and the POST is still answered "ok", as
     * engine.io does. Ends the POST.
     */
    void receive(byte[] body) {
        try {
            synchronized (session.lock) {
                if (session.isClosedLocked() || session.websocket() != null) {
                    // closed (or upgraded) while this POST was under way: engine.io drops its connection
                    throw new EngineRequestException(EngineError.BAD_REQUEST);
                }
            }
            if (body.length > options.maxPayload()) {
                throw new EngineRequestException(EngineError.PAYLOAD_TOO_LARGE); // engine.io keeps the session
            }
            try {
                EngineCodec.decodePayload(new String(body, StandardCharsets.UTF_8),
                        packet -> session.inbound.onPacket(packet, true));
            } catch (EngineCodec.InvalidPacketException e) {
                session.inbound.onMalformedPacket(e.getMessage());
            }
        } finally {
            endPost();
        }
    }

    /** The POST ended without {@link #receive} (its body could not be read). */
    void endPost() {
        synchronized (session.lock) {
            postUnderWay = false;
        }
    }

    private void refuseIfNotPollingLocked() {
        if (session.isClosedLocked()) {
            throw new EngineRequestException(EngineError.UNKNOWN_SID);
        }
        if (session.websocket() != null) {
            // engine.io's TRANSPORT_MISMATCH: this session is on a WebSocket now; the session itself goes on.
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
    }
}
