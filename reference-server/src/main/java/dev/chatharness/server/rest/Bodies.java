package dev.chatharness.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Fields;
import io.javalin.http.Context;

import java.io.IOException;

/** Turns a request body into checked {@link Fields}; anything that is not a JSON object is {@code invalid_payload}. */
final class Bodies {
    private final ObjectMapper mapper;
    private final Faults faults;

    Bodies(ObjectMapper mapper, Faults faults) {
        this.mapper = mapper;
        this.faults = faults;
    }

    Fields fields(Context ctx) {
        byte[] raw = ctx.bodyAsBytes(); // throws 413 past Javalin's maxRequestSize
        if (raw.length == 0) {
            throw new InvalidPayloadException("a JSON object body is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (IOException e) {
            if (faults.on(Fault.NON_JSON_BODY_IS_500)) {
                throw new java.io.UncheckedIOException(e); // the defect: a parse error nobody expected
            }
            throw new InvalidPayloadException("body is not valid JSON");
        }
        return Fields.of(node);
    }

    /** Optional integer query parameter within bounds. */
    static long queryLong(Context ctx, String name, long fallback, long min, long max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidPayloadException(name + " must be an integer from " + min + " to " + max);
    }
}
