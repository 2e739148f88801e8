package dev.chatharness.conformance.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A payload that does not match its contract schema; the message names the schema, the errors and the payload. */
public final class SchemaViolation extends AssertionError {

    private static final int MAX_PAYLOAD_CHARS = 300;

    SchemaViolation(String schema, JsonNode payload, List<String> errors) {
        super("payload does not match " + schema + ": " + String.join("; ", errors)
                + " -- saw " + abbreviate(String.valueOf(payload)));
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_PAYLOAD_CHARS ? text : text.substring(0, MAX_PAYLOAD_CHARS) + "...";
    }
}
