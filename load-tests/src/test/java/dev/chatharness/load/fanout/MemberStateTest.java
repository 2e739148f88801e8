package dev.chatharness.load.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemberStateTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final FanOutRecorder recorder = new FanOutRecorder(2, clock::get);
    private final List<String> rows = new ArrayList<>();
    private final MemberState state = new MemberState(recorder, (name, start, end, ok, message) ->
            rows.add(name + " " + (end - start) + " " + ok + (message == null ? "" : " " + message)), 1, "c1",
            () -> 0L);

    private static String message(long seq, long sentMillis) {
        return "42[\"message\",{\"id\":\"m" + seq + "\",\"conversationId\":\"c1\",\"seq\":" + seq
                + ",\"senderId\":\"u\",\"body\":\"" + SendStamp.body(sentMillis, 30) + "\"}]";
    }

    @Test
    void a_delivery_records_its_latency_from_the_stamped_send_time() {
        state.onFrame(message(1, 1000), 1012);
        recorder.tick();
        assertThat(recorder.counts().received()).isEqualTo(1);
        assertThat(recorder.latencyTotal().getMaxValue()).isBetween(12_000L, 12_020L);
        assertThat(rows).containsExactly("fan-out latency 12 true");
        assertThat(state.lastMessageId()).isEqualTo("m1");
    }

    @Test
    void the_last_message_id_is_the_rooms_last_stamped_message_whatever_frames_follow() {
        state.onFrame(message(1, 1000), 1001);
        state.onFrame(message(2, 1000), 1002);
        state.onFrame("42[\"message\",{\"id\":\"x9\",\"conversationId\":\"other\",\"seq\":1,\"body\":\"fo t=1 \"}]", 1003);
        state.onFrame("42[\"message\",{\"id\":\"x8\",\"conversationId\":\"c1\",\"seq\":3,\"body\":\"hello\"}]", 1004);
        assertThat(state.lastMessageId()).isEqualTo("m2");
        // one the scanner leaves to the general decoder (an escaped id) is remembered as well
        state.onFrame("42[\"message\",{\"id\":\"m\\u0034\",\"conversationId\":\"c1\",\"seq\":4,\"body\":\"fo t=1000 \"}]",
                1005);
        assertThat(state.lastMessageId()).isEqualTo("m4");
    }

    @Test
    void duplicates_and_out_of_order_seqs_are_counted_not_received_twice() {
        state.onFrame(message(2, 1000), 1001);
        state.onFrame(message(1, 1000), 1002);
        state.onFrame(message(2, 1000), 1003);
        FanOutRecorder.Counts c = recorder.counts();
        assertThat(c.received()).isEqualTo(2);
        assertThat(c.outOfOrder()).isEqualTo(1);
        assertThat(c.duplicated()).isEqualTo(1);
    }

    @Test
    void a_negative_latency_is_counted_and_kept_out_of_the_histogram() {
        state.onFrame(message(1, 2000), 1999);
        recorder.tick();
        assertThat(recorder.counts().negativeLatencies()).isEqualTo(1);
        assertThat(recorder.latencyTotal().getTotalCount()).isZero();
    }

    @Test
    void messages_of_other_rooms_or_without_a_stamp_are_not_deliveries() {
        state.onFrame("42[\"message\",{\"conversationId\":\"other\",\"seq\":1,\"body\":\"fo t=1 \"}]", 5);
        state.onFrame("42[\"message\",{\"conversationId\":\"c1\",\"seq\":1,\"body\":\"hello\"}]", 5);
        assertThat(recorder.counts().received()).isZero();
        assertThat(recorder.counts().foreign()).isEqualTo(1);
    }

    @Test
    void expected_deliveries_count_the_joined_sockets_but_the_sender_and_a_refusal_takes_them_back() {
        recorder.joined(1);
        recorder.joined(1);
        recorder.joined(1);
        String first = state.sendMessage(100, 100, 40);
        String second = state.sendMessage(200, 200, 40);
        assertThat(first).startsWith("421[\"message\",");
        assertThat(second).startsWith("422[\"message\",");
        assertThat(recorder.counts().expected()).isEqualTo(4);

        state.onFrame("431[{\"ok\":true,\"data\":{\"seq\":1}}]", 103);
        state.onFrame("432[{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"retryAfterMs\":50}}]", 204);
        FanOutRecorder.Counts c = recorder.counts();
        assertThat(c.accepted()).isEqualTo(1);
        assertThat(c.rejected()).isEqualTo(1);
        assertThat(c.expected()).isEqualTo(2);
        assertThat(rows).containsExactly("message ack 3 true", "message ack 4 false rate_limited");
    }

    @Test
    void messages_never_acknowledged_are_reported_at_close() {
        recorder.joined(1);
        recorder.joined(1);
        state.sendMessage(100, 100, 40);
        state.close();
        assertThat(recorder.counts().unacked()).isEqualTo(1);
        assertThat(recorder.counts().lost()).isEqualTo(1);
    }

    @Test
    void the_stamp_survives_a_round_trip_and_pads_the_body() {
        String body = SendStamp.body(1_234_567_890_123L, 64);
        assertThat(body).hasSize(64);
        assertThat(SendStamp.read(body)).isEqualTo(1_234_567_890_123L);
        assertThat(SendStamp.read("hello")).isEqualTo(-1);
    }

    @Test
    void what_was_sent_for_a_warm_up_slot_is_counted_nowhere_but_moves_the_seq_tracking_on() {
        long measureFrom = 5000;
        MemberState warming = new MemberState(recorder, (name, start, end, ok, message) -> rows.add(name), 1, "c1",
                () -> measureFrom);
        recorder.joined(1);
        recorder.joined(1);

        warming.sendMessage(4999, 4999, 30);                   // a warm-up slot: ack id 1
        warming.onFrame("431[{\"ok\":true,\"data\":{}}]", 5001);
        warming.onFrame(message(1, 4990), 4995);                // a warm-up delivery
        warming.sendMessage(5000, 5000, 30);                   // the first measured slot: ack id 2
        warming.onFrame(message(2, 5000), 5010);
        warming.close();                                       // ack 2 never came

        FanOutRecorder.Counts c = recorder.counts();
        assertThat(c.sent()).isEqualTo(1);
        assertThat(c.expected()).isEqualTo(1);
        assertThat(c.accepted()).isZero();
        assertThat(c.unacked()).isEqualTo(1);
        assertThat(c.warmupAccepted()).isEqualTo(1);
        assertThat(c.received()).isEqualTo(1);
        assertThat(c.outOfOrder()).isZero();
        assertThat(rows).containsExactly("fan-out latency");
    }
}
