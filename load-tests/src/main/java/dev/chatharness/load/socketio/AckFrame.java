package dev.chatharness.load.socketio;

/**
 * What a load-test user reads of an acknowledgement: its id, the contract envelope's {@code ok}, and on a refusal
 * the {@code error.code} (null when there is none).
 */
public record AckFrame(long ackId, boolean ok, String errorCode) {
}
