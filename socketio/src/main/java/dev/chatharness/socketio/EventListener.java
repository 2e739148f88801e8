package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Handles one named event; {@code ack} is null when the client asked for none. Binary arguments are BinaryNodes. */
@FunctionalInterface
public interface EventListener {
    void onEvent(SocketIoSocket socket, List<JsonNode> args, Ack ack);
}
