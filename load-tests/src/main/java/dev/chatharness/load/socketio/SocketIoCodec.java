package dev.chatharness.load.socketio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.Map;

/**
 * The Engine.IO 4 / Socket.IO 5 text framing a load-test user needs over a WebSocket, and nothing more.
 *
 * <pre>{@code
 * String connect = SocketIoCodec.connect(jwt);                    // 40{"token":"..."}
 * String frame = SocketIoCodec.event(7, "message", payload);      // 427["message",{...}]
 * Packet p = SocketIoCodec.decode("437[{\"ok\":true,\"data\":{}}]"); // ACK 7
 * }</pre>
 *
 * <p>Only the default namespace and text packets are produced. Engine.IO pings ({@code 2}) are answered by
 * Gatling's {@code wsAutoReplySocketIo4()}, so the codec only has to recognise them.
 */
public final class SocketIoCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Built once: {@code ObjectMapper.readTree} resolves the target type on every call. */
    private static final ObjectReader TREE_READER = JSON.readerFor(JsonNode.class);
    /** How a server writes a {@code message} event to the default namespace without an ack id. */
    private static final String MESSAGE_EVENT_PREFIX = "42[\"message\",";
    /** More digits than this may not fit a long: such an ack id is no id the generator sent. */
    private static final int MAX_ID_DIGITS = 18;

    private SocketIoCodec() {
    }

    /** The Socket.IO CONNECT packet for namespace "/" with the contract's handshake auth {@code {"token": jwt}}. */
    public static String connect(String token) {
        return "40" + write(Map.of("token", token));
    }

    /**
     * An EVENT packet; {@code ackId < 0} sends it without asking for an acknowledgement. The array is written
     * straight from the payload: going through a tree ({@code valueToTree}) serialised every sent message twice,
     * which a profile of the generator put at a tenth of its event-loop time.
     */
    public static String event(long ackId, String name, Object payload) {
        return "42" + (ackId >= 0 ? Long.toString(ackId) : "") + write(new Object[] {name, payload});
    }

    /** Decodes one text frame as received on a Socket.IO WebSocket; never throws on malformed input. */
    public static Packet decode(String frame) {
        if (frame == null || frame.isEmpty()) {
            return Packet.unknown(frame);
        }
        char engineType = frame.charAt(0);
        switch (engineType) {
            case '0':
                return new Packet(Packet.Kind.ENGINE_OPEN, -1, null, parse(frame.substring(1)), frame);
            case '2':
                return new Packet(Packet.Kind.ENGINE_PING, -1, null, null, frame);
            case '1':
                return new Packet(Packet.Kind.ENGINE_CLOSE, -1, null, null, frame);
            case '4':
                return decodeSocketIo(frame);
            default:
                return Packet.unknown(frame);
        }
    }

    /**
     * The {@code message} event in {@code frame}, or null when the frame is something else. This runs once per
     * delivery, so the common form ({@code 42["message",{...}]}) is read by streaming its JSON, without building a
     * tree; any other form goes through {@link #decode}. Never throws on malformed input.
     */
    public static MessageFrame decodeMessage(String frame) {
        if (frame != null && frame.startsWith(MESSAGE_EVENT_PREFIX)) {
            return streamMessage(frame);
        }
        Packet packet = decode(frame);
        if (packet.kind() == Packet.Kind.EVENT && "message".equals(packet.event()) && packet.data() != null
                && packet.data().isObject()) {
            return MessageFrame.of(packet.data());
        }
        return null;
    }

    /**
     * The acknowledgement in {@code frame} (an ACK packet, a namespace skipped as {@link #decode} skips it), or null
     * when the frame is something else. Once per sent message, so its envelope is streamed for {@code ok} and
     * {@code error.code} only: the acknowledged message under {@code data} is skipped, not built into a tree.
     * Never throws.
     */
    public static AckFrame decodeAck(String frame) {
        if (frame == null || !frame.startsWith("43")) {
            return null;
        }
        int idStart = ackIdStart(frame);
        int i = idStart < 0 ? -1 : digitsEnd(frame, idStart);
        if (i <= idStart || i - idStart > MAX_ID_DIGITS || i >= frame.length() || frame.charAt(i) != '[') {
            return null; // no id (not an answer to anything the generator asked), or one too long for a long
        }
        long ackId = Long.parseLong(frame, idStart, i, 10);
        try (JsonParser p = JSON.getFactory().createParser(frame.substring(i))) {
            p.nextToken(); // START_ARRAY
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new AckFrame(ackId, false, null); // an envelope that is not an object says nothing is ok
            }
            boolean ok = false;
            String errorCode = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if (field.equals("ok")) {
                    ok = value == JsonToken.VALUE_TRUE;
                } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                    errorCode = errorCode(p);
                } else {
                    p.skipChildren();
                }
            }
            return new AckFrame(ackId, ok, errorCode);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads an {@code error} object up to its end; its textual {@code code}, or null. */
    private static String errorCode(JsonParser p) throws IOException {
        String code = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (field.equals("code") && value == JsonToken.VALUE_STRING) {
                code = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return code;
    }

    private static MessageFrame streamMessage(String frame) {
        try (JsonParser p = JSON.getFactory().createParser(frame.substring(MESSAGE_EVENT_PREFIX.length()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String conversationId = null;
            String id = null;
            String body = null;
            long seq = -1;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "conversationId" -> conversationId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "body" -> body = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    default -> p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT ? new MessageFrame(conversationId, id, seq, body) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Packet decodeSocketIo(String frame) {
        if (frame.length() < 2) {
            return Packet.unknown(frame);
        }
        char type = frame.charAt(1);
        int digitsStart = ackIdStart(frame);
        if (digitsStart < 0) {
            return Packet.unknown(frame);
        }
        int i = digitsEnd(frame, digitsStart);
        if (i - digitsStart > MAX_ID_DIGITS) {
            return Packet.unknown(frame);
        }
        long ackId = i > digitsStart ? Long.parseLong(frame, digitsStart, i, 10) : -1;
        JsonNode data = i < frame.length() ? parse(frame.substring(i)) : null;
        switch (type) {
            case '0':
                return new Packet(Packet.Kind.CONNECT, -1, null, data, frame);
            case '1':
                return new Packet(Packet.Kind.DISCONNECT, -1, null, data, frame);
            case '4':
                return new Packet(Packet.Kind.CONNECT_ERROR, -1, null, data, frame);
            case '2':
                if (data instanceof ArrayNode array && array.size() > 0 && array.get(0).isTextual()) {
                    return new Packet(Packet.Kind.EVENT, ackId, array.get(0).asText(),
                            array.size() > 1 ? array.get(1) : null, frame);
                }
                return Packet.unknown(frame);
            case '3':
                if (data instanceof ArrayNode array) {
                    return new Packet(Packet.Kind.ACK, ackId, null, array.size() > 0 ? array.get(0) : null, frame);
                }
                return Packet.unknown(frame);
            default:
                return Packet.unknown(frame);
        }
    }

    /**
     * Where a Socket.IO packet's ack id would start: after its namespace when it names one. A namespace other than
     * "/" is written "/chat,"; we only use "/", but skip it so decoding stays honest. -1 when the namespace has no
     * comma.
     */
    private static int ackIdStart(String frame) {
        if (frame.length() > 2 && frame.charAt(2) == '/') {
            int comma = frame.indexOf(',', 2);
            return comma < 0 ? -1 : comma + 1;
        }
        return 2;
    }

    /** The index after the ASCII digits that start at {@code start}. */
    private static int digitsEnd(String frame, int start) {
        int i = start;
        while (i < frame.length() && frame.charAt(i) >= '0' && frame.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static JsonNode parse(String json) {
        if (json.isEmpty()) {
            return null;
        }
        try {
            return TREE_READER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }
}
