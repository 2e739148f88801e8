package dev.chatharness.socketio.engine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Engine.IO v4 packet encoding. Polling payloads join packets with the record separator {@code \x1e}; a binary packet
 * is {@code b} followed by base64. Decoding is strict on packet types and tolerant on base64 whitespace, because the
 * Java client appends a newline to its base64 (it uses Android's default Base64 flags).
 */
final class EngineCodec {
    static final char SEPARATOR = '\u001e';
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private EngineCodec() {
    }

    static String encodePayload(List<EnginePacket> packets) {
        StringBuilder sb = new StringBuilder();
        for (EnginePacket p : packets) {
            if (!sb.isEmpty()) {
                sb.append(SEPARATOR);
            }
            if (p.isBinary()) {
                sb.append('b').append(Base64.getEncoder().encodeToString(p.binary()));
            } else {
                sb.append(p.wire());
            }
        }
        return sb.toString();
    }

    /**
     * Decodes a polling payload, handing each packet to {@code each} in order, as engine.io-parser does: the packets
     * before a malformed segment are handed over, then {@link InvalidPacketException} is thrown.
     *
     * @throws InvalidPacketException for an empty segment, an unknown type or bad base64
     */
    static void decodePayload(String payload, Consumer<EnginePacket> each) {
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            each.accept(decodePollingSegment(end < 0 ? payload.substring(start) : payload.substring(start, end)));
            if (end < 0) {
                return;
            }
            start = end + 1;
        }
    }

    /** The whole payload at once (tests); see {@link #decodePayload(String, Consumer)}. */
    static List<EnginePacket> decodePayload(String payload) {
        List<EnginePacket> packets = new ArrayList<>();
        decodePayload(payload, packets::add);
        return packets;
    }

    private static EnginePacket decodePollingSegment(String segment) {
        if (!segment.isEmpty() && segment.charAt(0) == 'b') {
            try {
                return EnginePacket.binary(Base64.getDecoder().decode(WHITESPACE.matcher(segment.substring(1))
                        .replaceAll("")));
            } catch (IllegalArgumentException e) {
                throw new InvalidPacketException("invalid base64 in binary packet");
            }
        }
        return decodeText(segment);
    }

    /** Decodes a WebSocket text frame or a non-binary polling segment. */
    static EnginePacket decodeText(String text) {
        if (text.isEmpty()) {
            throw new InvalidPacketException("empty packet");
        }
        EnginePacket.Type type = EnginePacket.Type.of(text.charAt(0));
        if (type == null) {
            throw new InvalidPacketException("unknown packet type '" + text.charAt(0) + "'");
        }
        return new EnginePacket(type, text.substring(1), null);
    }

    static final class InvalidPacketException extends RuntimeException {
        InvalidPacketException(String message) {
            super(message, null, false, false);
        }
    }
}
