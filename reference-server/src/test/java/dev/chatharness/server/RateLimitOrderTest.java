package dev.chatharness.server;

import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.MutableClock;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit is decided before anything else about an event (no lock, no query, not even its payload), and
 * only an event that changes something keeps its token: invalid, unknown, forbidden and repeated ones give it back.
 * The server's clock stands still, so no token refills during a test.
 */
@DisplayName("Rate limit first: refused events cost nothing else, and only stored ones cost a token (contract section 9)")
class RateLimitOrderTest {
    private static final int CAPACITY = 3;
    private ChatServer server;
    private RestClient rest;
    private String tenant;
    private String conversation;

    @BeforeEach
    void start() {
        MutableClock frozen = new MutableClock(Instant.now().plusSeconds(120));
        server = TestServers.start(b -> b.messageRate(new RateLimit(CAPACITY, 1)).clock(frozen));
        rest = new RestClient(server.baseUrl());
        tenant = "t-" + UUID.randomUUID();
        var created = rest.post("/api/v2/conversations", Tokens.of(tenant, "alice"), Map.of("participantIds", List.of("bob")));
        assertThat(created.status()).isEqualTo(201);
        conversation = created.body().get("id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void events_that_change_nothing_give_their_token_back() {
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "alice"))) {
            alice.ok("message", Map.of("conversationId", conversation, "body", "first", "clientMessageId", "k1"));
            for (int i = 0; i < 3 * CAPACITY; i++) {
                alice.failure("message", Map.of("conversationId", conversation), "invalid_payload");
                alice.failure("message", Map.of("conversationId", "no-such-conversation", "body", "x"), "not_found");
                assertThat(alice.ok("message", Map.of("conversationId", conversation, "body", "first",
                        "clientMessageId", "k1")).get("seq").asLong()).as("a repeat returns the original").isEqualTo(1);
                alice.failure("message-edited", Map.of("conversationId", conversation, "messageId", "nope",
                        "body", "y"), "not_found");
            }
            assertThat(rest.post("/api/v2/conversations/" + conversation + "/messages", Tokens.of(tenant, "alice"),
                    "{broken").status()).isEqualTo(400);
            alice.ok("message", Map.of("conversationId", conversation, "body", "second"));
            alice.ok("message", Map.of("conversationId", conversation, "body", "third"));
            alice.failure("message", Map.of("conversationId", conversation, "body", "fourth"), "rate_limited");
        }
        assertThat(rest.get("/api/v2/conversations/" + conversation + "/messages", Tokens.of(tenant, "bob"))
                .body().get("items")).as("what is stored: exactly the three that kept their token").hasSize(CAPACITY);
    }

    @Test
    void over_the_limit_every_message_is_rate_limited_before_its_payload_or_conversation_is_looked_at() {
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, "alice"))) {
            for (int i = 0; i < CAPACITY; i++) {
                alice.ok("message", Map.of("conversationId", conversation, "body", "m" + i, "clientMessageId", "k" + i));
            }
            assertThat(alice.failure("message", Map.of("conversationId", conversation), "rate_limited")
                    .get("retryAfterMs").asLong()).isPositive();
            // The same answer whether the conversation exists or not: the refusal reveals nothing.
            alice.failure("message", Map.of("conversationId", "no-such-conversation", "body", "x"), "rate_limited");
            alice.failure("message", Map.of("conversationId", conversation, "body", "m0", "clientMessageId", "k0"),
                    "rate_limited");
            alice.failure("message-edited", Map.of("conversationId", conversation, "messageId", "nope", "body", "y"),
                    "rate_limited");
            alice.ok("join-conversation", Map.of("conversationId", conversation)); // not rate limited at all
        }
        RestClient.Response limited = rest.post("/api/v2/conversations/" + conversation + "/messages",
                Tokens.of(tenant, "alice"), "{not even json");
        assertThat(limited.status()).as("over REST, the body is never read").isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }
}
