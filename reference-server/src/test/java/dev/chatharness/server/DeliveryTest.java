package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.MutableClock;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import dev.chatharness.server.support.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Delivery order, idempotency and rate limits (contract sections 8 and 9)")
class DeliveryTest {
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    void concurrent_senders_get_consecutive_seqs_and_every_room_member_receives_each_message_once_in_seq_order() throws Exception {
        try (ChatServer server = TestServers.start(b -> b.messageRate(new RateLimit(10_000, 10_000)))) {
            RestClient rest = new RestClient(server.baseUrl());
            List<String> senders = List.of("s1", "s2", "s3");
            String id = rest.post("/api/v2/conversations", Tokens.of("acme", "watcher"),
                    Map.of("participantIds", senders)).body().get("id").asText();
            int perSender = 40;
            try (ChatClient watcher = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "watcher"));
                 ChatClient pollingWatcher = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "watcher"), Transport.POLLING)) {
                watcher.ok("join-conversation", Map.of("conversationId", id));
                pollingWatcher.ok("join-conversation", Map.of("conversationId", id));
                ExecutorService pool = Executors.newFixedThreadPool(senders.size());
                List<Future<List<Long>>> acked = new ArrayList<>();
                for (String sender : senders) {
                    acked.add(pool.submit(() -> {
                        List<Long> seqs = new ArrayList<>();
                        try (ChatClient c = ChatClient.connect(server.baseUrl(), Tokens.of("acme", sender))) {
                            for (int i = 0; i < perSender; i++) {
                                seqs.add(c.ok("message", Map.of("conversationId", id, "body", sender + "-" + i)).get("seq").asLong());
                            }
                        }
                        return seqs;
                    }));
                }
                List<Long> allAcked = new ArrayList<>();
                for (Future<List<Long>> f : acked) {
                    List<Long> mine = f.get(60, TimeUnit.SECONDS);
                    assertThat(mine).isSorted();
                    allAcked.addAll(mine);
                }
                pool.shutdown();
                int total = senders.size() * perSender;
                assertThat(allAcked).hasSize(total).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= total);
                for (ChatClient w : List.of(watcher, pollingWatcher)) {
                    List<Long> seen = new ArrayList<>();
                    for (int i = 0; i < total; i++) {
                        seen.add(w.next("message").get("seq").asLong());
                    }
                    assertThat(seen).as("seq order seen by one socket").isSorted().doesNotHaveDuplicates().hasSize(total);
                    assertThat(seen.get(0)).isEqualTo(1);
                    assertThat(seen.get(total - 1)).isEqualTo(total);
                    w.expectNone("message", QUIET);
                }
            }
        }
    }

    @Test
    void a_repeated_client_message_id_returns_the_original_and_is_not_broadcast_again() {
        try (ChatServer server = TestServers.start()) {
            RestClient rest = new RestClient(server.baseUrl());
            String id = rest.post("/api/v2/conversations", Tokens.of("acme", "alice"),
                    Map.of("participantIds", List.of("bob"))).body().get("id").asText();
            try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "alice"));
                 ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "bob"))) {
                bob.ok("join-conversation", Map.of("conversationId", id));
                JsonNode first = alice.ok("message", Map.of("conversationId", id, "body", "once", "clientMessageId", "retry-1"));
                JsonNode again = alice.ok("message", Map.of("conversationId", id, "body", "once", "clientMessageId", "retry-1"));
                assertThat(again).isEqualTo(first);
                assertThat(bob.next("message")).isEqualTo(first);
                bob.expectNone("message", QUIET);
                // another sender may use the same clientMessageId
                JsonNode bobs = bob.ok("message", Map.of("conversationId", id, "body", "mine", "clientMessageId", "retry-1"));
                assertThat(bobs.get("seq").asLong()).isEqualTo(2);
                assertThat(rest.get("/api/v2/conversations/" + id + "/messages", Tokens.of("acme", "bob")).body().get("items")).hasSize(2);
            }
        }
    }

    @Test
    void over_the_limit_a_user_gets_rate_limited_on_every_socket_and_on_rest_nothing_is_stored_or_broadcast_and_others_are_unaffected() {
        MutableClock clock = new MutableClock(Instant.now().plusSeconds(120)); // ahead of every token's iat, however slow the machine
        try (ChatServer server = TestServers.start(b -> b.clock(clock))) {
            RestClient rest = new RestClient(server.baseUrl());
            String alice = Tokens.of("acme", "alice");
            String id = rest.post("/api/v2/conversations", alice, Map.of("participantIds", List.of("bob"))).body().get("id").asText();
            try (ChatClient a1 = ChatClient.connect(server.baseUrl(), alice);
                 ChatClient a2 = ChatClient.connect(server.baseUrl(), alice);
                 ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "bob"))) {
                bob.ok("join-conversation", Map.of("conversationId", id));
                for (int i = 0; i < 20; i++) {
                    (i % 2 == 0 ? a1 : a2).ok("message", Map.of("conversationId", id, "body", "m" + i));
                }
                JsonNode limited = Schemas.valid("ack-message.json", a1.ack("message", Map.of("conversationId", id, "body", "too many")));
                assertThat(limited.get("error").get("code").asText()).isEqualTo("rate_limited");
                assertThat(limited.get("error").get("retryAfterMs").asLong()).isPositive();
                a2.failure("message", Map.of("conversationId", id, "body", "other socket"), "rate_limited");
                String mid = rest.get("/api/v2/conversations/" + id + "/messages?limit=1", alice).body().get("items").get(0).get("id").asText();
                a2.failure("message-edited", Map.of("conversationId", id, "messageId", mid, "body", "edit shares the bucket"), "rate_limited");
                assertThat(rest.post("/api/v2/conversations/" + id + "/messages", alice, Map.of("body", "rest")).status()).isEqualTo(429);
                try (ChatClient reconnected = ChatClient.connect(server.baseUrl(), alice)) {
                    reconnected.failure("message", Map.of("conversationId", id, "body", "after reconnect"), "rate_limited");
                }
                bob.ok("message", Map.of("conversationId", id, "body", "bob is fine"));

                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    seen.add(bob.next("message").get("seq").asLong());
                }
                assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
                a1.expectNone("message", Duration.ZERO);
                assertThat(rest.get("/api/v2/conversations/" + id + "/messages?limit=100", alice).body().get("items")).hasSize(21);

                clock.advance(Duration.ofSeconds(1));
                for (int i = 0; i < 10; i++) {
                    a1.ok("message", Map.of("conversationId", id, "body", "refilled " + i));
                }
                a1.failure("message", Map.of("conversationId", id, "body", "empty again"), "rate_limited");
            }
        }
    }

    @Test
    void typing_has_its_own_bucket_of_ten() {
        MutableClock clock = new MutableClock(Instant.now().plusSeconds(120)); // ahead of every token's iat, however slow the machine
        try (ChatServer server = TestServers.start(b -> b.clock(clock))) {
            RestClient rest = new RestClient(server.baseUrl());
            var created = rest.post("/api/v2/conversations", Tokens.of("acme", "alice"), Map.of("participantIds", List.of()));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String id = created.body().get("id").asText();
            try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "alice"))) {
                for (int i = 0; i < 10; i++) {
                    alice.ok("typing", Map.of("conversationId", id, "isTyping", i % 2 == 0));
                }
                JsonNode error = alice.failure("typing", Map.of("conversationId", id, "isTyping", true), "rate_limited");
                assertThat(error.get("retryAfterMs").asLong()).isEqualTo(200);
                alice.ok("message", Map.of("conversationId", id, "body", "messages are a different bucket"));
            }
        }
    }
}
