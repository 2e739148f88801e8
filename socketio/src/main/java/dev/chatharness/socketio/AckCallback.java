package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Outcome of {@link SocketIoSocket#emitWithAck}: exactly one of the two methods is called, once. */
public interface AckCallback {
    void onAck(List<JsonNode> args);

    void onTimeout();
}
