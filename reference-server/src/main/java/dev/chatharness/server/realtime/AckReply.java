package dev.chatharness.server.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The ack envelope: {@code {"ok":true,"data":...}} or {@code {"ok":false,"error":{...}}}. */
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
    }

    /** {@code retryAfterMs} only with {@code rate_limited}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String message, Long retryAfterMs) {
    }

    /** Server {@code error} event for a failure of an event sent without ack, or for token expiry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorEvent(String code, String message, String event, Long retryAfterMs) {
    }
}
