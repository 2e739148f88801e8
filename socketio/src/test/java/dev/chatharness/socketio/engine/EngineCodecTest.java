package dev.chatharness.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Engine.IO payload codec")
class EngineCodecTest {

    @Test
    void joins_packets_with_the_record_separator_and_base64_for_binary() {
        String payload = EngineCodec.encodePayload(List.of(EnginePacket.message("hello"),
                EnginePacket.binary(new byte[] {1, 2, 3, 4}), EnginePacket.of(EnginePacket.Type.PING)));
        assertThat(payload).isEqualTo("4hello\u001ebAQIDBA==\u001e2");
    }

    @Test
    void decodes_a_payload_and_tolerates_the_java_clients_newline_in_base64() {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001ebAQIDBA==\n\u001e3");
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0).text()).isEqualTo("hello");
        assertThat(packets.get(1).binary()).isEqualTo(new byte[] {1, 2, 3, 4});
        assertThat(packets.get(2).type()).isEqualTo(EnginePacket.Type.PONG);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "x", "7", "4a\u001e", "\u001e4a", "b%%%"})
    void rejects_invalid_payloads(String payload) {
        assertThatThrownBy(() -> EngineCodec.decodePayload(payload))
                .isInstanceOf(EngineCodec.InvalidPacketException.class);
    }
}
