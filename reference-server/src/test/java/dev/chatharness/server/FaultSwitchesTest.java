package dev.chatharness.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.MutableClock;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import dev.chatharness.server.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each deliberate defect really is there when switched on (the healthy behaviour is asserted by the other test
 * classes); the conformance suite's self-test relies on them. Names and mechanics: {@link Fault}.
 */
@DisplayName("Fault switches reproduce their defect")
class FaultSwitchesTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private ChatServer server;
    private RestClient rest;

    private void start(Fault fault) {
        server = TestServers.start(b -> b.faults(Set.of(fault)));
        rest = new RestClient(server.baseUrl());
        open.add(server);
    }

    /** A server whose clock stands still, so that no token refills while a test drains a bucket. */
    private void startFrozen(Fault fault) {
        MutableClock frozen = new MutableClock(Instant.now().plusSeconds(120));
        server = TestServers.start(b -> b.faults(Set.of(fault)).clock(frozen));
        rest = new RestClient(server.baseUrl());
        open.add(server);
    }

    private ChatClient client(String tenant, String user) {
        ChatClient c = ChatClient.connect(server.baseUrl(), Tokens.of(tenant, user));
        open.add(0, c);
        return c;
    }

    private String conversation(String tenant, String creator, String... others) {
        return rest.post("/api/v2/conversations", Tokens.of(tenant, creator), Map.of("participantIds", List.of(others)))
                .body().get("id").asText();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void cross_tenant_broadcast_lets_the_same_sub_of_another_tenant_join_and_hear_the_room() {
        start(Fault.CROSS_TENANT_BROADCAST);
        String id = conversation("acme", "alice", "bob");
        ChatClient bob = client("acme", "bob");
        ChatClient evilAlice = client("evil", "alice");
        evilAlice.ok("join-conversation", Map.of("conversationId", id));
        bob.ok("message", Map.of("conversationId", id, "body", "secret"));
        assertThat(evilAlice.next("message").get("body").asText()).isEqualTo("secret");
    }

    @Test
    void cross_tenant_presence_tells_the_contacts_of_the_same_sub_in_another_tenant() {
        start(Fault.CROSS_TENANT_PRESENCE);
        conversation("evil", "alice", "mallory");
        ChatClient mallory = client("evil", "mallory");
        client("acme", "alice").ok("presence-update", Map.of("status", "busy"));
        mallory.next("user-online");
        assertThat(mallory.next("presence-update").get("status").asText()).isEqualTo("busy");
    }

    @Test
    void join_without_membership_lets_a_non_participant_join() {
        start(Fault.JOIN_WITHOUT_MEMBERSHIP);
        String id = conversation("acme", "alice");
        client("acme", "eve").ok("join-conversation", Map.of("conversationId", id));
    }

    @Test
    void read_other_tenant_conversation_serves_it_over_rest() {
        start(Fault.READ_OTHER_TENANT_CONVERSATION);
        String id = conversation("acme", "alice");
        assertThat(rest.get("/api/v2/conversations/" + id, Tokens.of("evil", "mallory")).status()).isEqualTo(200);
        assertThat(rest.get("/api/v2/conversations/" + id + "/messages", Tokens.of("evil", "mallory")).status()).isEqualTo(200);
    }

    @Test
    void forbidden_reveals_existence_answers_403_for_a_conversation_that_exists() {
        start(Fault.FORBIDDEN_REVEALS_EXISTENCE);
        String id = conversation("acme", "alice");
        assertThat(rest.get("/api/v2/conversations/" + id, Tokens.of("evil", "mallory")).status()).isEqualTo(403);
        assertThat(rest.get("/api/v2/conversations/missing", Tokens.of("evil", "mallory")).status()).isEqualTo(404);
    }

    @Test
    void the_token_faults_let_bad_tokens_in() {
        for (Fault fault : EnumSet.of(Fault.ACCEPT_EXPIRED_TOKEN, Fault.ACCEPT_ALG_NONE, Fault.ACCEPT_WRONG_SIGNATURE,
                Fault.MISSING_TENANT_CLAIM_ACCEPTED)) {
            try (ChatServer s = TestServers.start(b -> b.faults(Set.of(fault)))) {
                var builder = JWT.create().withSubject("alice").withClaim("tenant_id", "acme")
                        .withExpiresAt(Instant.now().plusSeconds(600));
                String token = switch (fault) {
                    case ACCEPT_EXPIRED_TOKEN -> Tokens.expired("acme", "alice");
                    case ACCEPT_ALG_NONE -> builder.sign(Algorithm.none());
                    case ACCEPT_WRONG_SIGNATURE -> builder.sign(Algorithm.HMAC256("not-the-secret"));
                    default -> JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(600))
                            .sign(Algorithm.HMAC256(Tokens.SECRET));
                };
                assertThat(new RestClient(s.baseUrl()).get("/api/v2/conversations", token).status()).as(fault.name()).isEqualTo(200);
                try (ChatClient c = ChatClient.connect(s.baseUrl(), token)) {
                    assertThat(c.connected()).isTrue();
                }
            }
        }
    }

    @Test
    void token_in_query_accepted_connects_with_the_token_in_the_url() {
        start(Fault.TOKEN_IN_QUERY_ACCEPTED);
        try (ChatClient c = ChatClient.connect(server.baseUrl(),
                new ChatClient.Options(Transport.WEBSOCKET, null, null, Tokens.of("acme", "alice"), null))) {
            assertThat(c.connected()).isTrue();
        }
    }

    @Test
    void origin_not_checked_accepts_a_foreign_origin() throws Exception {
        start(Fault.ORIGIN_NOT_CHECKED);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling")).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void no_rate_limit_and_rate_limit_per_socket_let_a_user_exceed_the_limit() {
        start(Fault.NO_RATE_LIMIT);
        String id = conversation("acme", "alice");
        ChatClient alice = client("acme", "alice");
        for (int i = 0; i < 25; i++) {
            alice.ok("message", Map.of("conversationId", id, "body", "m" + i));
        }
        MutableClock frozen = new MutableClock(Instant.now().plusSeconds(120));
        try (ChatServer perSocket = TestServers.start(b -> b.faults(Set.of(Fault.RATE_LIMIT_PER_SOCKET)).clock(frozen))) {
            RestClient r = new RestClient(perSocket.baseUrl());
            String c = r.post("/api/v2/conversations", Tokens.of("acme", "alice"), Map.of("participantIds", List.of())).body().get("id").asText();
            try (ChatClient s1 = ChatClient.connect(perSocket.baseUrl(), Tokens.of("acme", "alice"));
                 ChatClient s2 = ChatClient.connect(perSocket.baseUrl(), Tokens.of("acme", "alice"))) {
                for (int i = 0; i < 20; i++) {
                    s1.ok("message", Map.of("conversationId", c, "body", "m" + i));
                }
                s1.failure("message", Map.of("conversationId", c, "body", "over"), "rate_limited");
                s2.ok("message", Map.of("conversationId", c, "body", "fresh bucket"));
            }
        }
    }

    @Test
    void broadcast_rate_limited_message_still_reaches_the_room() {
        startFrozen(Fault.BROADCAST_RATE_LIMITED_MESSAGE);
        String id = conversation("acme", "alice", "bob");
        ChatClient alice = client("acme", "alice");
        ChatClient bob = client("acme", "bob");
        bob.ok("join-conversation", Map.of("conversationId", id));
        for (int i = 0; i < 20; i++) {
            alice.ok("message", Map.of("conversationId", id, "body", "m" + i));
            bob.next("message");
        }
        alice.failure("message", Map.of("conversationId", id, "body", "limited"), "rate_limited");
        assertThat(bob.next("message").get("body").asText()).isEqualTo("limited");
    }

    @Test
    void removed_participant_still_receives_room_events() {
        start(Fault.REMOVED_PARTICIPANT_STILL_RECEIVES);
        String id = conversation("acme", "alice", "bob");
        ChatClient alice = client("acme", "alice");
        ChatClient bob = client("acme", "bob");
        bob.ok("join-conversation", Map.of("conversationId", id));
        rest.delete("/api/v2/conversations/" + id + "/participants/bob", Tokens.of("acme", "alice"));
        bob.next("participant-removed");
        alice.ok("message", Map.of("conversationId", id, "body", "after removal"));
        assertThat(bob.next("message").get("body").asText()).isEqualTo("after removal");
    }

    @Test
    void echo_to_sender_sends_the_senders_own_message_back() {
        start(Fault.ECHO_TO_SENDER);
        String id = conversation("acme", "alice");
        ChatClient alice = client("acme", "alice");
        alice.ok("join-conversation", Map.of("conversationId", id));
        JsonNode sent = alice.ok("message", Map.of("conversationId", id, "body", "echo"));
        assertThat(alice.next("message")).isEqualTo(sent);
    }

    @Test
    void out_of_order_delivery_lets_a_later_message_overtake() {
        start(Fault.OUT_OF_ORDER_DELIVERY);
        String id = conversation("acme", "alice", "bob");
        ChatClient alice = client("acme", "alice");
        ChatClient bob = client("acme", "bob");
        bob.ok("join-conversation", Map.of("conversationId", id));
        for (int i = 0; i < 3; i++) {
            alice.emit("message", Map.of("conversationId", id, "body", "m" + i));
        }
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(bob.next("message").get("seq").asLong());
        }
        assertThat(seqs).containsExactly(1L, 3L, 2L);
    }

    @Test
    void duplicate_client_message_id_stores_and_broadcasts_a_repeat_again() {
        start(Fault.DUPLICATE_CLIENT_MESSAGE_ID);
        String id = conversation("acme", "alice");
        ChatClient alice = client("acme", "alice");
        long first = alice.ok("message", Map.of("conversationId", id, "body", "x", "clientMessageId", "c1")).get("seq").asLong();
        long second = alice.ok("message", Map.of("conversationId", id, "body", "x", "clientMessageId", "c1")).get("seq").asLong();
        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void edit_by_non_author_lets_anyone_edit_and_delete() {
        start(Fault.EDIT_BY_NON_AUTHOR);
        String id = conversation("acme", "alice", "bob");
        String mid = client("acme", "alice").ok("message", Map.of("conversationId", id, "body", "mine")).get("id").asText();
        ChatClient bob = client("acme", "bob");
        assertThat(bob.ok("message-edited", Map.of("conversationId", id, "messageId", mid, "body", "bob's now"))
                .get("body").asText()).isEqualTo("bob's now");
        bob.ok("message-deleted", Map.of("conversationId", id, "messageId", mid));
    }

    @Test
    void bad_payload_disconnects_drops_the_connection_after_answering() {
        start(Fault.BAD_PAYLOAD_DISCONNECTS);
        ChatClient alice = client("acme", "alice");
        alice.failure("message", Map.of("body", 5), "invalid_payload");
        alice.awaitDisconnect(ChatClient.WAIT);
    }

    @Test
    void no_user_offline_never_announces_the_last_socket_leaving() {
        start(Fault.NO_USER_OFFLINE);
        conversation("acme", "alice", "bob");
        ChatClient bob = client("acme", "bob");
        ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of("acme", "alice"));
        bob.next("user-online");
        alice.close();
        bob.expectNone("user-offline", Duration.ofSeconds(1));
    }

    @Test
    void no_expiry_disconnect_keeps_a_socket_whose_token_expired() {
        start(Fault.NO_EXPIRY_DISCONNECT);
        // JWT keeps exp in whole seconds, so a 1 s lifetime can leave almost nothing to connect in; 2 s leaves >= 1 s.
        String token = Tokens.expiringIn("acme", "alice", Duration.ofSeconds(2));
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), token)) {
            alice.expectNone("error", Duration.between(Instant.now(), exp.plusSeconds(3)));
            assertThat(alice.connected()).isTrue();
            alice.failure("presence-update", Map.of("status", "away"), "token_expired");
        }
    }
}
