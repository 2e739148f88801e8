package dev.chatharness.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatharness.socketio.engine.EnginePacket;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Socket.IO protocol 5 encoder and decoder, with the same acceptance rules as the reference socket.io-parser:
 * {@code <type>[<attachments>-][<nsp>,][<id>][<json>]}. Binary values travel as placeholders
 * {@code {"_placeholder":true,"num":N}} in the JSON, each followed by one binary Engine.IO message.
 */
final class PacketCodec {
    /** Event names a client may not send (the reference parser rejects them). */
    private static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    /**
     * More attachments than this is refused, as socket.io-parser (4.2.6 and later) does by default: a client cannot
     * make the server buffer without bound.
     */
    static final int MAX_ATTACHMENTS = 10;

    private final ObjectReader reader;
    private final ObjectWriter writer;

    PacketCodec(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    // ------------------------------------------------------------------ encode

    /** Encodes a packet into its Engine.IO messages: one text message, then one binary message per attachment. */
    List<EnginePacket> encode(PacketType type, String nsp, Long id, JsonNode data) {
        List<byte[]> attachments = new ArrayList<>(0);
        JsonNode wireData = data != null && hasBinary(data) ? deconstruct(data, attachments) : data;
        PacketType wireType = type;
        if (!attachments.isEmpty()) {
            wireType = type == PacketType.ACK ? PacketType.BINARY_ACK
                    : type == PacketType.EVENT ? PacketType.BINARY_EVENT : type;
        }
        StringBuilder sb = new StringBuilder(64);
        sb.append(wireType.code());
        if (wireType == PacketType.BINARY_EVENT || wireType == PacketType.BINARY_ACK) {
            sb.append(attachments.size()).append('-');
        }
        if (!"/".equals(nsp)) {
            sb.append(nsp).append(',');
        }
        if (id != null) {
            sb.append(id.longValue());
        }
        if (wireData != null) {
            try {
                sb.append(writer.writeValueAsString(wireData));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (attachments.isEmpty()) {
            return List.of(EnginePacket.message(sb.toString()));
        }
        List<EnginePacket> packets = new ArrayList<>(attachments.size() + 1);
        packets.add(EnginePacket.message(sb.toString()));
        for (byte[] a : attachments) {
            packets.add(EnginePacket.binary(a));
        }
        return packets;
    }

    static boolean hasBinary(JsonNode node) {
        if (node.isBinary()) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies {@code node} with each BinaryNode replaced by a placeholder; the caller's node is not modified. */
    private static JsonNode deconstruct(JsonNode node, List<byte[]> attachments) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isBinary()) {
            ObjectNode placeholder = f.objectNode();
            placeholder.put("_placeholder", true);
            placeholder.put("num", attachments.size());
            attachments.add(((BinaryNode) node).binaryValue());
            return placeholder;
        }
        if (node.isArray()) {
            ArrayNode copy = f.arrayNode(node.size());
            for (JsonNode child : node) {
                copy.add(deconstruct(child, attachments));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = f.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), deconstruct(e.getValue(), attachments));
            }
            return copy;
        }
        return node;
    }

    // ------------------------------------------------------------------ decode

    Packet decode(String str) throws InvalidPacketException {
        if (str.isEmpty()) {
            throw new InvalidPacketException("empty packet");
        }
        PacketType type = PacketType.of(str.charAt(0));
        if (type == null) {
            throw new InvalidPacketException("unknown packet type " + str.charAt(0));
        }
        int i = 1;
        int n = str.length();
        int attachments = 0;
        if (type == PacketType.BINARY_EVENT || type == PacketType.BINARY_ACK) {
            int dash = str.indexOf('-', i);
            if (dash < 0 || dash == i || !allDigits(str, i, dash) || dash - i > 4) {
                throw new InvalidPacketException("illegal attachments");
            }
            attachments = Integer.parseInt(str.substring(i, dash));
            if (attachments < 1) {
                throw new InvalidPacketException("illegal attachments"); // a binary packet with nothing attached
            }
            if (attachments > MAX_ATTACHMENTS) {
                throw new InvalidPacketException("too many attachments");
            }
            i = dash + 1;
        }
        String nsp = "/";
        if (i < n && str.charAt(i) == '/') {
            int comma = str.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            nsp = str.substring(i, end);
            i = comma < 0 ? n : comma + 1;
        }
        Long id = null;
        int idStart = i;
        while (i < n && Character.isDigit(str.charAt(i)) && str.charAt(i) < 128) {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > 15) {
                throw new InvalidPacketException("ack id too long");
            }
            id = Long.parseLong(str.substring(idStart, i));
        }
        JsonNode data = null;
        if (i < n) {
            try {
                data = reader.readTree(str.substring(i));
            } catch (JsonProcessingException e) {
                throw new InvalidPacketException("invalid payload");
            }
            if (data == null || data.isMissingNode() || !isPayloadValid(type, data)) {
                throw new InvalidPacketException("invalid payload");
            }
        } else if (type == PacketType.EVENT || type == PacketType.BINARY_EVENT || type == PacketType.ACK
                || type == PacketType.BINARY_ACK || type == PacketType.CONNECT_ERROR) {
            throw new InvalidPacketException("missing payload");
        }
        if ((type == PacketType.ACK || type == PacketType.BINARY_ACK) && id == null) {
            throw new InvalidPacketException("ack without id");
        }
        return new Packet(type, nsp, id, data, attachments);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPayloadValid(PacketType type, JsonNode payload) {
        return switch (type) {
            case CONNECT -> payload.isObject();
            case DISCONNECT -> false;
            case CONNECT_ERROR -> payload.isTextual() || payload.isObject();
            case EVENT, BINARY_EVENT -> payload.isArray() && payload.size() > 0
                    && (payload.get(0).isNumber()
                    || payload.get(0).isTextual() && !RESERVED_EVENTS.contains(payload.get(0).asText()));
            case ACK, BINARY_ACK -> payload.isArray();
        };
    }

    /** Replaces placeholders in a decoded payload with the received attachments. */
    static JsonNode reconstruct(JsonNode node, List<byte[]> buffers) throws InvalidPacketException {
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int k = 0; k < array.size(); k++) {
                array.set(k, reconstruct(array.get(k), buffers));
            }
            return array;
        }
        if (node.isObject()) {
            JsonNode marker = node.get("_placeholder");
            if (marker != null && marker.isBoolean() && marker.booleanValue()) {
                JsonNode num = node.get("num");
                if (num == null || !num.isIntegralNumber() || num.asInt() < 0 || num.asInt() >= buffers.size()) {
                    throw new InvalidPacketException("illegal attachments");
                }
                return BinaryNode.valueOf(buffers.get(num.asInt()));
            }
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(reconstruct(e.getValue(), buffers));
            }
            return object;
        }
        return node;
    }
}
