package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One server-to-client event as a test socket saw it, with its schema errors (empty when valid). */
public record Received(String event, JsonNode payload, List<String> schemaErrors) {

    @Override
    public String toString() {
        return event + Json.brief(payload);
    }
}
