package dev.chatharness.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.error.InvalidPayloadException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks fields of an incoming JSON object. Every failure is an {@link InvalidPayloadException} whose
 * message names the field, so a bad payload gets {@code invalid_payload} and never an exception further in.
 */
public final class Fields {
    /** Ids and {@code clientMessageId}. */
    public static final int MAX_ID = 64;
    public static final int MAX_BODY = 4000;
    public static final int MAX_TITLE = 200;
    public static final int MAX_STATUS_TEXT = 200;

    private final JsonNode node;

    private Fields(JsonNode node) {
        this.node = node;
    }

    /** Wraps a payload that must be a JSON object. */
    public static Fields of(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException("payload must be a JSON object");
        }
        return new Fields(payload);
    }

    public String requiredId(String name) {
        return requiredString(name, 1, MAX_ID);
    }

    public String requiredString(String name, int minChars, int maxChars) {
        String value = optionalString(name, minChars, maxChars);
        if (value == null) {
            throw new InvalidPayloadException(name + " is required");
        }
        return value;
    }

    /** A string that may be absent or null; lengths count Unicode code points. */
    public String optionalString(String name, int minChars, int maxChars) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidPayloadException(name + " must be a string");
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < minChars || length > maxChars) {
            throw new InvalidPayloadException(name + " must be " + minChars + " to " + maxChars + " characters");
        }
        return text;
    }

    public boolean requiredBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw new InvalidPayloadException(name + " must be true or false");
        }
        return value.booleanValue();
    }

    public boolean has(String name) {
        return node.has(name);
    }

    /** An array of ids, each 1 to {@link #MAX_ID} characters, at most {@code maxItems}. */
    public List<String> requiredIdList(String name, int maxItems) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray()) {
            throw new InvalidPayloadException(name + " must be an array of ids");
        }
        if (value.size() > maxItems) {
            throw new InvalidPayloadException(name + " must hold at most " + maxItems + " ids");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > MAX_ID) {
                throw new InvalidPayloadException(name + " must hold ids of 1 to " + MAX_ID + " characters");
            }
            ids.add(item.textValue());
        }
        return ids;
    }

    /** Checks an id that came from a URL path. */
    public static String pathId(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID) {
            throw new InvalidPayloadException(name + " must be 1 to " + MAX_ID + " characters");
        }
        return value;
    }
}
