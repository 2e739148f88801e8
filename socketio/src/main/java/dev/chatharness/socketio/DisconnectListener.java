package dev.chatharness.socketio;

/**
 * Called once when a socket leaves its namespace. Reasons: "client namespace disconnect", "server namespace
 * disconnect", "transport close", "transport error", "ping timeout", "parse error", "forced close",
 * "server shutting down".
 */
@FunctionalInterface
public interface DisconnectListener {
    void onDisconnect(SocketIoSocket socket, String reason);
}
