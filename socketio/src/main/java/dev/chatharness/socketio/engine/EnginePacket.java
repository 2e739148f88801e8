package dev.chatharness.socketio.engine;

import java.util.Objects;

/**
 * One Engine.IO packet, immutable. A binary packet is always a MESSAGE carrying {@code binary}; every other packet
 * carries {@code text} (possibly empty). The WebSocket text frame is built once, at construction, so a broadcast
 * hands the very same String to every socket.
 */
public final class EnginePacket {

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

    private final Type type;
    private final String text;
    private final byte[] binary;
    private final String wire;

    public EnginePacket(Type type, String text, byte[] binary) {
        this.type = Objects.requireNonNull(type, "type");
        if (binary != null && type != Type.MESSAGE) {
            throw new IllegalArgumentException("only MESSAGE packets carry binary data");
        }
        this.binary = binary;
        this.text = binary == null && text == null ? "" : text;
        this.wire = binary == null ? type.code + this.text : null;
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

    public Type type() {
        return type;
    }

    /** The data of a non-binary packet, without the type digit; null for binary. */
    public String text() {
        return text;
    }

    /** The data of a binary packet (not copied: do not modify); null otherwise. */
    public byte[] binary() {
        return binary;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The WebSocket text frame (or polling segment) of a non-binary packet: type digit then data. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return binary != null ? "EnginePacket[binary " + binary.length + " bytes]" : "EnginePacket[" + wire + "]";
    }
}
