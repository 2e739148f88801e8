package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What became of a connection attempt.
 *
 * @param kind    connected, refused by the server with a CONNECT_ERROR packet, failed at the transport, or nothing
 * @param payload the CONNECT_ERROR payload when refused; missing otherwise
 * @param detail  a short description for failure messages
 */
public record ConnectOutcome(Kind kind, JsonNode payload, String detail) {

    public enum Kind { CONNECTED, REFUSED, TRANSPORT_ERROR, TIMEOUT }

    static ConnectOutcome connected() {
        return new ConnectOutcome(Kind.CONNECTED, MissingNode.getInstance(), "connected");
    }

    /** The {@code data.code} of a refusal, "" when there is none. */
    public String refusalCode() {
        return payload.path("data").path("code").asText("");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONNECTED -> "connected";
            case REFUSED -> "refused with CONNECT_ERROR " + Json.brief(payload);
            case TRANSPORT_ERROR -> "transport error: " + detail;
            case TIMEOUT -> "no answer: " + detail;
        };
    }
}
