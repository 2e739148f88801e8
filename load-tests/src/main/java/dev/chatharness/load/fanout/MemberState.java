package dev.chatharness.load.fanout;

import dev.chatharness.load.socketio.AckFrame;
import dev.chatharness.load.socketio.MessageFrame;
import dev.chatharness.load.socketio.MessageFrameScanner;
import dev.chatharness.load.socketio.SocketIoCodec;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What one virtual user (one socket, one room) remembers between its actions: the seqs it received (for
 * duplicates and order), its outstanding acknowledgements, its position in the send schedule.
 *
 * <p>Confined to its virtual user: Gatling runs a user's actions and its socket's frames on one event loop, so
 * no locking is needed here; the shared counts go to the thread-safe {@link FanOutRecorder}.
 */
public final class MemberState {

    /** A sent event awaiting its acknowledgement; one sent during the warm-up is not measured. */
    record Pending(String event, long sentMillis, int expectedDeliveries, boolean measured) {
    }

    private final FanOutRecorder recorder;
    private final TimingSink timings;
    private final int room;
    private final String conversationId;
    private final LongSupplier measureStart;
    private final BitSet seenSeqs = new BitSet();
    /** Reads each delivery in place: this runs once per delivery, the generator's hottest path. */
    private final MessageFrameScanner scanner = new MessageFrameScanner();
    private final Map<Long, Pending> pending = new HashMap<>();
    private long maxSeq;
    private long nextAckId = 1;
    private long sendCount;
    private String lastMessageId;
    /** When the last message came through the scanner: its frame, whose id is cut out only if asked for. */
    private String lastMessageFrame;
    private int lastIdStart;
    private int lastIdEnd;

    /**
     * @param measureStart when the measured phase begins on the receipt clock: what was sent for an earlier slot
     *                     belongs to the warm-up and is counted nowhere
     */
    public MemberState(FanOutRecorder recorder, TimingSink timings, int room, String conversationId,
                       LongSupplier measureStart) {
        this.recorder = recorder;
        this.measureStart = measureStart;
        this.timings = timings;
        this.room = room;
        this.conversationId = conversationId;
    }

    public int room() {
        return room;
    }

    public String conversationId() {
        return conversationId;
    }

    /** How many slots of the schedule this member has used (messages and other actions): its next slot's index. */
    public long sendCount() {
        return sendCount;
    }

    /** Uses up a slot of the schedule for an action that sends nothing on the socket (a REST call). */
    public void skipSlot() {
        sendCount++;
    }

    /** The id of the last message this member received, for read receipts (null before the first). */
    public String lastMessageId() {
        if (lastMessageFrame != null) {
            lastMessageId = lastIdStart < 0 ? null : lastMessageFrame.substring(lastIdStart, lastIdEnd);
            lastMessageFrame = null;
        }
        return lastMessageId;
    }

    /**
     * Encodes a {@code message} event with an ack id and the intended send time in its body, and counts the
     * deliveries it should make: every other socket that joined the room so far.
     */
    public String sendMessage(long intendedMillis, long nowMillis, int bodySize) {
        sendCount++;
        long ackId = nextAckId++;
        if (intendedMillis < measureStart.getAsLong()) {
            pending.put(ackId, new Pending("message", nowMillis, 0, false));
        } else {
            int expectedDeliveries = Math.max(0, recorder.joinedIn(room) - 1);
            pending.put(ackId, new Pending("message", nowMillis, expectedDeliveries, true));
            recorder.sent(expectedDeliveries);
        }
        return SocketIoCodec.event(ackId, "message", Map.of(
                "conversationId", conversationId,
                "body", SendStamp.body(intendedMillis, bodySize)));
    }

    /** Encodes any other event with an ack id; its acknowledgement is counted under the event's name. */
    public String sendAction(String event, Object payload, long nowMillis) {
        sendCount++;
        long ackId = nextAckId++;
        pending.put(ackId, new Pending(event, nowMillis, 0, nowMillis >= measureStart.getAsLong()));
        return SocketIoCodec.event(ackId, event, payload);
    }

    /** Handles one inbound text frame with its receipt time (Gatling's clock). */
    public void onFrame(String text, long receivedMillis) {
        if (scanner.scan(text)) {
            if (scanner.conversationIs(conversationId) && onMessage(scanner.stamp(), scanner.seq(), receivedMillis)) {
                lastMessageFrame = text;
                lastIdStart = scanner.idStart();
                lastIdEnd = scanner.idEnd();
            }
            return;
        }
        AckFrame ack = SocketIoCodec.decodeAck(text);
        if (ack != null) {
            onAck(ack, receivedMillis);
            return;
        }
        MessageFrame message = SocketIoCodec.decodeMessage(text);
        if (message != null) {
            if (conversationId.equals(message.conversationId())
                    && onMessage(SendStamp.read(message.body()), message.seq(), receivedMillis)) {
                lastMessageId = message.id();
                lastMessageFrame = null;
            }
            return;
        }
        // pings are answered by Gatling; other frames (presence, typing of others) are not measured
    }

    /**
     * One message of this member's conversation, by its send stamp and seq; true when it becomes the member's last
     * message (any message stamped by this run, a duplicate too).
     */
    private boolean onMessage(long sentMillis, long seq, long receivedMillis) {
        if (sentMillis < 0) {
            recorder.foreign();
            return false;
        }
        if (seq >= 0 && seq <= Integer.MAX_VALUE) {
            if (seenSeqs.get((int) seq)) {
                recorder.duplicated();
                return true;
            }
            seenSeqs.set((int) seq);
            if (seq < maxSeq) {
                recorder.outOfOrder();
            }
            maxSeq = Math.max(maxSeq, seq);
        }
        if (sentMillis < measureStart.getAsLong()) {
            recorder.warmupDelivery(sentMillis, receivedMillis); // a warm-up message: shown, never counted
            return true;
        }
        recorder.received();
        recorder.delivery(sentMillis, receivedMillis);
        timings.record("fan-out latency", sentMillis, receivedMillis, true, null);
        return true;
    }

    private void onAck(AckFrame ack, long receivedMillis) {
        Pending sent = pending.remove(ack.ackId());
        if (sent == null) {
            return;
        }
        boolean ok = ack.ok();
        if (!sent.measured()) {
            if (ok && sent.event().equals("message")) {
                recorder.warmupAccepted();
            }
            return;
        }
        if (sent.event().equals("message")) {
            if (ok) {
                recorder.accepted();
            } else {
                recorder.rejected(sent.expectedDeliveries());
            }
        } else {
            recorder.action(sent.event() + (ok ? " ok" : " failed"));
        }
        timings.record(sent.event() + " ack", sent.sentMillis(), receivedMillis, ok, ok ? null : ack.errorCode());
    }

    /** At the end: messages never acknowledged are reported; their expected deliveries stay expected. */
    public void close() {
        int unackedMessages = (int) pending.values().stream()
                .filter(p -> p.measured() && p.event().equals("message")).count();
        recorder.unacked(unackedMessages);
        pending.clear();
    }
}
