package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded Socket.IO packet. {@code id} is null without an ack id; {@code data} is null without a payload;
 * {@code attachments} counts the binary messages that follow a BINARY_EVENT or BINARY_ACK.
 */
record Packet(PacketType type, String nsp, Long id, JsonNode data, int attachments) {
}
