package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** Jackson for everything we read and write; the conversions the Socket.IO client's org.json needs. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** An object from alternating keys and values: {@code Json.object("conversationId", id, "body", "hi")}. */
    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], MAPPER.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Socket.IO argument (JSONObject, JSONArray, String, Number, Boolean, JSONObject.NULL) as Jackson. */
    static JsonNode fromSocketArg(Object arg) {
        if (arg == null || arg == JSONObject.NULL) {
            return NullNode.getInstance();
        }
        if (arg instanceof JSONObject || arg instanceof JSONArray) {
            return parse(arg.toString());
        }
        return MAPPER.valueToTree(arg);
    }

    /** Jackson as the argument the Socket.IO client sends. */
    static Object toSocketArg(JsonNode node) {
        try {
            if (node.isObject()) {
                return new JSONObject(node.toString());
            }
            if (node.isArray()) {
                return new JSONArray(node.toString());
            }
        } catch (JSONException e) {
            throw new IllegalArgumentException("cannot convert " + node + " for the Socket.IO client", e);
        }
        if (node.isNull()) {
            return JSONObject.NULL;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.numberValue();
    }

    /** A short, single-line rendering for failure messages. */
    public static String brief(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() <= 240 ? text : text.substring(0, 240) + "...";
    }
}
