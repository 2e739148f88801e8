package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Converts application arguments to the JSON array of a packet, and back. */
final class Args {
    private Args() {
    }

    /** {@code [event, args...]}; byte[] and ByteBuffer become BinaryNodes, JsonNodes pass through. */
    static ArrayNode eventArray(ObjectMapper mapper, String event, Object[] args) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(args.length + 1);
        array.add(event);
        appendAll(mapper, array, args);
        return array;
    }

    static ArrayNode ackArray(ObjectMapper mapper, Object[] args) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(args.length);
        appendAll(mapper, array, args);
        return array;
    }

    private static void appendAll(ObjectMapper mapper, ArrayNode array, Object[] args) {
        if (args == null) {
            return;
        }
        for (Object arg : args) {
            array.add(toNode(mapper, arg));
        }
    }

    static JsonNode toNode(ObjectMapper mapper, Object arg) {
        if (arg == null) {
            return NullNode.getInstance();
        }
        if (arg instanceof JsonNode node) {
            return node;
        }
        if (arg instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes);
        }
        if (arg instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return BinaryNode.valueOf(bytes);
        }
        return mapper.valueToTree(arg);
    }

    /** Elements {@code from..end} of an array, as an unmodifiable list. */
    static List<JsonNode> tail(JsonNode array, int from) {
        if (array == null || array.size() <= from) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(array.size() - from);
        for (int k = from; k < array.size(); k++) {
            out.add(array.get(k));
        }
        return Collections.unmodifiableList(out);
    }
}
