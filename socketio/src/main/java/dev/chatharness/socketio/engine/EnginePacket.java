package dev.chatharness.socketio.engine;

import java.util.Objects;

/**
 * One Engine.IO packet. A binary packet is always a MESSAGE carrying {@code binary}; every other packet carries
 * {@code text} (possibly empty).
 */
public record EnginePacket(Type type, String text, byte[] binary) {

    public enum Type {
        OPEN('0'), CLOSE('1'), PING('2'), PONG('3'), MESSAGE('4'), UPGRADE('5'), NOOP('6');

        final char code;

        Type(char code) {
            this.code = code;
        }

        static Type of(char c) {
            return c >= '0' && c <= '6' ? values()[c - '0'] : null;
        }
    }

    public EnginePacket {
        Objects.requireNonNull(type, "type");
        if (binary != null && type != Type.MESSAGE) {
            throw new IllegalArgumentException("only MESSAGE packets carry binary data");
        }
        if (binary == null && text == null) {
            text = "";
        }
    }

    public static EnginePacket message(String text) {
        return new EnginePacket(Type.MESSAGE, text, null);
    }

    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(Type.MESSAGE, null, data);
    }

    static EnginePacket of(Type type) {
        return new EnginePacket(type, "", null);
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The WebSocket text frame (or polling segment) of a non-binary packet: type digit then data. */
    String encodeText() {
        return type.code + text;
    }

    /** Approximate wire size, used to enforce maxPayload on what a client sends. */
    int size() {
        return binary != null ? binary.length : text.length() + 1;
    }
}
