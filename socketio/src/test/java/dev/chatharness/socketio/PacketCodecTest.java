package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.chatharness.socketio.engine.EnginePacket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Socket.IO packet codec")
class PacketCodecTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PacketCodec codec = new PacketCodec(mapper);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0|CONNECT|/||",
        "0/admin,|CONNECT|/admin||",
        "0/admin|CONNECT|/admin||",
        "0{\"token\":\"x\"}|CONNECT|/||{\"token\":\"x\"}",
        "1/admin,|DISCONNECT|/admin||",
        "2[\"hello\",1]|EVENT|/||[\"hello\",1]",
        "2/admin,456[\"hello\"]|EVENT|/admin|456|[\"hello\"]",
        "212[1]|EVENT|/|12|[1]",
        "3/admin,456[]|ACK|/admin|456|[]",
        "4{\"message\":\"no\"}|CONNECT_ERROR|/||{\"message\":\"no\"}",
    })
    void decodes_what_the_reference_parser_accepts(String wire, PacketType type, String nsp, Long id, String data)
            throws Exception {
        Packet p = codec.decode(wire);
        assertThat(p.type()).isEqualTo(type);
        assertThat(p.nsp()).isEqualTo(nsp);
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.data()).isEqualTo(data == null ? null : mapper.readTree(data));
    }

    @Test
    void decodes_binary_headers_with_their_attachment_count() throws Exception {
        Packet p = codec.decode("52-/admin,7[\"up\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(p.type()).isEqualTo(PacketType.BINARY_EVENT);
        assertThat(p.attachments()).isEqualTo(2);
        assertThat(p.nsp()).isEqualTo("/admin");
        assertThat(p.id()).isEqualTo(7L);
        JsonNode data = PacketCodec.reconstruct(p.data(), List.of(new byte[] {1}, new byte[] {2}));
        assertThat(data.get(1).binaryValue()).isEqualTo(new byte[] {1});
        assertThat(data.get(2).binaryValue()).isEqualTo(new byte[] {2});
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "7", "x", "2", "2{}", "2[]", "2[{}]", "2[\"connect\"]", "2[\"disconnect\"]",
            "2abc[\"x\"]", "2[\"x\"] trailing", "1{}", "0[]", "0\"s\"", "3", "3[]", "4", "4[1]", "5-[\"x\"]",
            "5a-[\"x\"]", "52[\"x\"]", "599999-[\"x\"]", "50-[\"x\"]", "511-[\"x\"]", "2[\"x\"",
            "21234567890123456[\"x\"]"})
    void rejects_what_the_reference_parser_rejects(String wire) {
        assertThatThrownBy(() -> codec.decode(wire)).isInstanceOf(InvalidPacketException.class);
    }

    @Test
    void accepts_up_to_ten_attachments_as_socket_io_parser_does() throws Exception {
        assertThat(codec.decode("510-[\"x\"]").attachments()).isEqualTo(10);
    }

    @Test
    void rejects_placeholders_pointing_past_the_attachments() throws Exception {
        Packet p = codec.decode("51-[\"x\",{\"_placeholder\":true,\"num\":1}]");
        assertThatThrownBy(() -> PacketCodec.reconstruct(p.data(), List.of(new byte[] {1})))
                .isInstanceOf(InvalidPacketException.class);
    }

    @Test
    void encodes_events_acks_and_namespaces() {
        ArrayNode args = Args.eventArray(mapper, "hi", new Object[] {1, "two", null});
        assertThat(texts(codec.encode(PacketType.EVENT, "/", null, args))).containsExactly("2[\"hi\",1,\"two\",null]");
        assertThat(texts(codec.encode(PacketType.EVENT, "/chat", 12L, args)))
                .containsExactly("2/chat,12[\"hi\",1,\"two\",null]");
        assertThat(texts(codec.encode(PacketType.ACK, "/", 3L, Args.ackArray(mapper, new Object[0]))))
                .containsExactly("33[]");
        assertThat(texts(codec.encode(PacketType.DISCONNECT, "/chat", null, null))).containsExactly("1/chat,");
    }

    @Test
    void encodes_binary_as_placeholders_without_touching_the_callers_node() {
        ArrayNode args = Args.eventArray(mapper, "bin", new Object[] {
            mapper.createObjectNode().set("data", BinaryNode.valueOf(new byte[] {4, 2}))});
        List<EnginePacket> packets = codec.encode(PacketType.ACK, "/", 5L, args);
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).text()).isEqualTo("61-5[\"bin\",{\"data\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(packets.get(1).binary()).isEqualTo(new byte[] {4, 2});
        assertThat(args.get(1).get("data").isBinary()).isTrue();
    }

    private static List<String> texts(List<EnginePacket> packets) {
        return packets.stream().map(EnginePacket::text).toList();
    }
}
