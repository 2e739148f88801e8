package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.error.NotFoundException;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Json;
import dev.chatharness.server.ratelimit.Verdict;
import dev.chatharness.server.support.Schemas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SocketErrorsTest {
    private final ObjectMapper mapper = Json.newMapper();

    private JsonNode answer(RuntimeException failure) {
        List<Object> sent = new ArrayList<>();
        new SocketErrors(Faults.none()).answer(null, "message", args -> sent.addAll(List.of(args)), failure);
        assertThat(sent).hasSize(1);
        return mapper.valueToTree(sent.get(0));
    }

    @Test
    void an_unexpected_failure_is_answered_internal_without_any_detail() {
        JsonNode ack = Schemas.valid("ack-error.json", answer(new IllegalStateException("db exploded at line 42")));
        assertThat(ack.toString()).isEqualTo("{\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}");
    }

    @Test
    void a_contract_failure_keeps_its_code_and_has_no_retry_after() {
        JsonNode ack = answer(new NotFoundException("conversation not found"));
        assertThat(ack.get("error").get("code").asText()).isEqualTo("not_found");
        assertThat(ack.get("error").has("retryAfterMs")).isFalse();
    }

    @Test
    void a_rate_limited_failure_carries_retry_after_ms() {
        JsonNode ack = Schemas.valid("ack-error.json", answer(new RateLimitedException(
                new Verdict("message", false, 20, 10, 0, 70, 2))));
        assertThat(ack.toString()).startsWith("{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"message\":");
        assertThat(ack.get("error").get("retryAfterMs").asLong()).isEqualTo(70);
    }
}
