package dev.chatharness.socketio;

/** A Socket.IO packet the reference parser would reject; it closes the client's connection ("parse error"). */
final class InvalidPacketException extends Exception {
    InvalidPacketException(String message) {
        super(message, null, false, false);
    }
}
