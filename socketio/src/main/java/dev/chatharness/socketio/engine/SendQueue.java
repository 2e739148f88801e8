package dev.chatharness.socketio.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets one session has queued for its client, whatever the transport, and the delivery receipts asked of
 * them ({@link EngineSession#whenReceived}): a receipt is due once every packet queued before it has been handed to
 * the transport; on polling it is then given (the poll carrying them is answered), on a WebSocket a ping goes out
 * after them and the receipt waits for its pong, which the client sends after it has read those frames.
 *
 * <p>Guarded by the session's lock. Counting costs one increment per packet; receipts cost nothing when none is
 * asked.
 */
final class SendQueue {
    private record Receipt(long after, Runnable received) {
    }

    private final ArrayDeque<EnginePacket> packets = new ArrayDeque<>();
    /** Packets taken off the queue so far (written to the WebSocket or drained into a poll). */
    private long handedOver;
    /** Receipts whose packets are not all handed over yet, by {@code after}. */
    private final ArrayDeque<Receipt> pending = new ArrayDeque<>();
    /** Receipts waiting for the pong of the ping numbered {@code after}. */
    private final ArrayDeque<Receipt> awaitingPong = new ArrayDeque<>();
    private long pings;

    int size() {
        return packets.size();
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    void addAll(List<EnginePacket> more) {
        for (int i = 0, n = more.size(); i < n; i++) { // ArrayDeque.addAll would allocate a lambda per call
            packets.addLast(more.get(i));
        }
    }

    /** The next packet for the WebSocket writer, or null. */
    EnginePacket take() {
        EnginePacket next = packets.poll();
        if (next != null) {
            handedOver++;
        }
        return next;
    }

    /** Everything queued, as one polling payload. */
    String drain() {
        List<EnginePacket> all = new ArrayList<>(packets);
        packets.clear();
        handedOver += all.size();
        return EngineCodec.encodePayload(all);
    }

    /** Drops what is queued and every receipt (the session is closing). */
    void clear() {
        packets.clear();
        pending.clear();
        awaitingPong.clear();
    }

    /** A receipt for everything queued so far. */
    void addReceipt(Runnable received) {
        pending.add(new Receipt(handedOver + packets.size(), received));
    }

    boolean hasDueReceipts() {
        return !pending.isEmpty() && pending.peek().after() <= handedOver;
    }

    /** On polling: the receipts whose packets are all drained, given once the poll is answered. */
    List<Runnable> takeDueReceipts() {
        if (!hasDueReceipts()) {
            return List.of();
        }
        List<Runnable> due = new ArrayList<>();
        while (hasDueReceipts()) {
            due.add(pending.poll().received());
        }
        return due;
    }

    /** On a WebSocket: moves the due receipts behind a new ping; returns its payload, or null if none is due. */
    byte[] pingForDueReceipts() {
        if (!hasDueReceipts()) {
            return null;
        }
        long ping = ++pings;
        while (hasDueReceipts()) {
            awaitingPong.add(new Receipt(ping, pending.poll().received()));
        }
        return Long.toString(ping).getBytes(StandardCharsets.US_ASCII);
    }

    /** The receipts a pong gives: those of its ping and of every ping before it. */
    List<Runnable> onPong(ByteBuffer payload) {
        if (awaitingPong.isEmpty()) {
            return List.of();
        }
        long ping;
        try {
            ping = Long.parseLong(StandardCharsets.US_ASCII.decode(payload).toString());
        } catch (NumberFormatException e) {
            return List.of(); // not one of our pings
        }
        List<Runnable> received = new ArrayList<>();
        while (!awaitingPong.isEmpty() && awaitingPong.peek().after() <= ping) {
            received.add(awaitingPong.poll().received());
        }
        return received;
    }
}
