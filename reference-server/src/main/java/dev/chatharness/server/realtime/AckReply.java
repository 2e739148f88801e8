package dev.chatharness.server.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ack envelope: {@code {"ok":true,"data":...}} or {@code {"ok":false,"error":{...}}}.
 *
 * <p>Failures are built as JSON trees here rather than handed to the mapper as records: every event refused by a
 * flood's rate limit is answered with one, thousands a second, and converting a record to a tree through the
 * mapper cost more than the rest of the refusal.
 */
final class AckReply {
    private AckReply() {
    }

    record Ok(boolean ok, Object data) {
        Ok(Object data) {
            this(true, data);
        }
    }

    record Failed(boolean ok, Error error) {
        Failed(Error error) {
            this(false, error);
        }

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("ok", false);
            node.set("error", error.toJson());
            return node;
        }
    }

    /** {@code retryAfterMs} only with {@code rate_limited}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String message, Long retryAfterMs) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
            return retryAfterMs == null ? node : node.put("retryAfterMs", retryAfterMs.longValue());
        }
    }

    /** Server {@code error} event for a failure of an event sent without ack, or for token expiry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorEvent(String code, String message, String event, Long retryAfterMs) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
            if (event != null) {
                node.put("event", event);
            }
            return retryAfterMs == null ? node : node.put("retryAfterMs", retryAfterMs.longValue());
        }
    }
}
