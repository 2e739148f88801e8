package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Receives events that have no {@link EventListener}, so an app can answer them (e.g. with an error ack). */
@FunctionalInterface
public interface UnhandledEventListener {
    void onEvent(SocketIoSocket socket, String event, List<JsonNode> args, Ack ack);
}
