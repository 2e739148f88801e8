package dev.chatharness.socketio;

/** Socket.IO protocol 5 packet types, by their wire digit. */
enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    char code() {
        return (char) ('0' + ordinal());
    }

    static PacketType of(char c) {
        return c >= '0' && c <= '6' ? values()[c - '0'] : null;
    }
}
