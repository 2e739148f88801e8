package dev.chatharness.load.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketIoCodecTest {

    @Test
    void connect_carries_the_token_as_handshake_auth() {
        assertThat(SocketIoCodec.connect("abc")).isEqualTo("40{\"token\":\"abc\"}");
    }

    @Test
    void an_event_with_an_ack_id_puts_the_id_between_type_and_array() {
        assertThat(SocketIoCodec.event(12, "join-conversation", Map.of("conversationId", "c1")))
                .isEqualTo("4212[\"join-conversation\",{\"conversationId\":\"c1\"}]");
        assertThat(SocketIoCodec.event(-1, "typing", Map.of("isTyping", true)))
                .isEqualTo("42[\"typing\",{\"isTyping\":true}]");
    }

    @Test
    void decodes_an_event_with_its_name_and_first_argument() {
        Packet p = SocketIoCodec.decode("42[\"message\",{\"seq\":3,\"body\":\"hi\"}]");
        assertThat(p.kind()).isEqualTo(Packet.Kind.EVENT);
        assertThat(p.event()).isEqualTo("message");
        assertThat(p.data().path("seq").asLong()).isEqualTo(3);
        assertThat(p.ackId()).isEqualTo(-1);
    }

    @Test
    void decodes_acks_ok_and_failed_with_their_ids() {
        Packet ok = SocketIoCodec.decode("437[{\"ok\":true,\"data\":{\"seq\":1}}]");
        assertThat(ok.kind()).isEqualTo(Packet.Kind.ACK);
        assertThat(ok.ackId()).isEqualTo(7);
        assertThat(ok.ackOk()).isTrue();

        Packet limited = SocketIoCodec.decode("43123[{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"retryAfterMs\":90}}]");
        assertThat(limited.ackId()).isEqualTo(123);
        assertThat(limited.ackOk()).isFalse();
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
    }

    @Test
    void reads_an_acknowledgement_envelope_without_the_acknowledged_data() {
        assertThat(SocketIoCodec.decodeAck("437[{\"data\":{\"ok\":false,\"error\":{\"code\":\"x\"}},\"ok\":true}]"))
                .isEqualTo(new AckFrame(7, true, null));
        assertThat(SocketIoCodec.decodeAck(
                "43123[{\"ok\":false,\"error\":{\"retryAfterMs\":90,\"detail\":[1,{}],\"code\":\"rate_limited\"}}]"))
                .isEqualTo(new AckFrame(123, false, "rate_limited"));
        assertThat(SocketIoCodec.decodeAck("430[{\"ok\":false,\"error\":{\"code\":5}}]"))
                .as("a code that is not text is no code").isEqualTo(new AckFrame(0, false, null));
        assertThat(SocketIoCodec.decodeAck("439[\"ok\"]"))
                .as("an envelope that is not an object is not ok").isEqualTo(new AckFrame(9, false, null));
    }

    @Test
    void an_acknowledgement_naming_its_namespace_is_read_as_the_general_decoder_reads_it() {
        assertThat(SocketIoCodec.decodeAck("43/,5[{\"ok\":true}]")).isEqualTo(new AckFrame(5, true, null));
        assertThat(SocketIoCodec.decode("43/,5[{\"ok\":true}]").ackId()).isEqualTo(5);
    }

    @Test
    void an_ack_id_too_long_for_a_long_is_no_ack_id_and_decoding_does_not_throw() {
        assertThat(SocketIoCodec.decode("4399999999999999999999[{\"ok\":true}]").kind()).isEqualTo(Packet.Kind.UNKNOWN);
    }

    @Test
    void only_acknowledgements_with_an_id_are_acknowledgements() {
        assertThat(SocketIoCodec.decodeAck("42[\"message\",{\"ok\":true}]")).isNull();
        assertThat(SocketIoCodec.decodeAck("43[{\"ok\":true}]")).isNull();
        assertThat(SocketIoCodec.decodeAck("4399999999999999999999[{\"ok\":true}]")).isNull();
        assertThat(SocketIoCodec.decodeAck("435[{\"ok\":tr")).isNull();
        assertThat(SocketIoCodec.decodeAck("")).isNull();
        assertThat(SocketIoCodec.decodeAck(null)).isNull();
    }

    @Test
    void decodes_engine_packets_connect_and_connect_error() {
        assertThat(SocketIoCodec.decode("0{\"sid\":\"x\",\"pingInterval\":25000}").kind()).isEqualTo(Packet.Kind.ENGINE_OPEN);
        assertThat(SocketIoCodec.decode("2").kind()).isEqualTo(Packet.Kind.ENGINE_PING);
        assertThat(SocketIoCodec.decode("40{\"sid\":\"y\"}").kind()).isEqualTo(Packet.Kind.CONNECT);
        Packet refused = SocketIoCodec.decode("44{\"message\":\"unauthorized\",\"data\":{\"code\":\"token_invalid\"}}");
        assertThat(refused.kind()).isEqualTo(Packet.Kind.CONNECT_ERROR);
        assertThat(refused.errorCode()).isEqualTo("token_invalid");
    }

    @Test
    void skips_a_namespace_prefix_and_never_throws_on_garbage() {
        Packet p = SocketIoCodec.decode("42/chat,5[\"message\",{}]");
        assertThat(p.kind()).isEqualTo(Packet.Kind.EVENT);
        assertThat(p.ackId()).isEqualTo(5);
        assertThat(SocketIoCodec.decode("").kind()).isEqualTo(Packet.Kind.UNKNOWN);
        assertThat(SocketIoCodec.decode("42[not json").kind()).isEqualTo(Packet.Kind.UNKNOWN);
        assertThat(SocketIoCodec.decode("9").kind()).isEqualTo(Packet.Kind.UNKNOWN);
    }

    private static final String MESSAGE = "{\"id\":\"m1\",\"conversationId\":\"c1\",\"seq\":7,\"senderId\":\"u\","
            + "\"body\":\"fo t=12 x\",\"meta\":{\"tags\":[1,{\"seq\":99}]},\"createdAt\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void reads_a_message_event_by_streaming_and_skips_fields_it_does_not_need() {
        assertThat(SocketIoCodec.decodeMessage("42[\"message\"," + MESSAGE + "]"))
                .isEqualTo(new MessageFrame("c1", "m1", 7, "fo t=12 x"));
    }

    @Test
    void a_message_in_any_other_form_reads_the_same_through_the_general_decoder() {
        MessageFrame expected = new MessageFrame("c1", "m1", 7, "fo t=12 x");
        assertThat(SocketIoCodec.decodeMessage("42/,3[\"message\"," + MESSAGE + "]")).isEqualTo(expected);
        assertThat(SocketIoCodec.decodeMessage("42[ \"message\" , " + MESSAGE + "]")).isEqualTo(expected);
    }

    @Test
    void frames_that_are_not_a_whole_message_event_read_as_none() {
        assertThat(SocketIoCodec.decodeMessage("42[\"typing\",{\"conversationId\":\"c1\"}]")).isNull();
        assertThat(SocketIoCodec.decodeMessage("430[{\"ok\":true}]")).isNull();
        assertThat(SocketIoCodec.decodeMessage("42[\"message\",{\"seq\":1,")).isNull();
        assertThat(SocketIoCodec.decodeMessage("42[\"message\",[1,2]]")).isNull();
        assertThat(SocketIoCodec.decodeMessage("42[\"message\"]")).isNull();
        assertThat(SocketIoCodec.decodeMessage("2")).isNull();
        assertThat(SocketIoCodec.decodeMessage(null)).isNull();
    }

    @Test
    void a_message_with_missing_or_mistyped_fields_keeps_what_it_has() {
        assertThat(SocketIoCodec.decodeMessage("42[\"message\",{\"seq\":\"7\",\"body\":5,\"id\":\"m\"}]"))
                .isEqualTo(new MessageFrame(null, "m", -1, null));
    }
}
