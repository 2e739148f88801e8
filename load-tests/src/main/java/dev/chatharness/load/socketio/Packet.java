package dev.chatharness.load.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One decoded frame. For an {@link Kind#EVENT}, {@code event} is its name and {@code data} its first argument;
 * for an {@link Kind#ACK}, {@code data} is the first argument of the acknowledgement (the contract's
 * {@code {"ok":...}} envelope); for CONNECT and CONNECT_ERROR, {@code data} is the packet's payload.
 */
public record Packet(Kind kind, long ackId, String event, JsonNode data, String raw) {

    public enum Kind { ENGINE_OPEN, ENGINE_PING, ENGINE_CLOSE, CONNECT, CONNECT_ERROR, DISCONNECT, EVENT, ACK, UNKNOWN }

    static Packet unknown(String raw) {
        return new Packet(Kind.UNKNOWN, -1, null, null, raw);
    }

    /** True for an acknowledgement whose envelope says {@code "ok": true}. */
    public boolean ackOk() {
        return kind == Kind.ACK && data != null && data.path("ok").asBoolean(false);
    }

    /** The contract error code of a failed acknowledgement or connect error, or null. */
    public String errorCode() {
        if (data == null) {
            return null;
        }
        if (kind == Kind.ACK) {
            JsonNode code = data.path("error").path("code");
            return code.isTextual() ? code.asText() : null;
        }
        if (kind == Kind.CONNECT_ERROR) {
            JsonNode code = data.path("data").path("code");
            return code.isTextual() ? code.asText() : data.path("message").asText(null);
        }
        return null;
    }
}
