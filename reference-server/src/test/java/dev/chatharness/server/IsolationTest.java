package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.RestClient.Response;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Written from the attacker's side: Mallory in tenant "evil" (and, for the same-sub cases, a user of "evil" whose
 * sub equals the victim's) and Eve, a non-participant of the victim's own tenant.
 */
@DisplayName("Tenant isolation and authorization, from the attacker's side (contract section 3)")
class IsolationTest {
    private static final Duration QUIET = Duration.ofMillis(500);
    private static ChatServer server;
    private static RestClient rest;
    private String victimTenant;
    private String evilTenant;
    private String conversationId;
    private String messageId;

    @BeforeAll
    static void start() {
        server = TestServers.start();
        rest = new RestClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void victimsConversation() {
        victimTenant = "acme-" + UUID.randomUUID();
        evilTenant = "evil-" + UUID.randomUUID();
        conversationId = rest.post("/api/v2/conversations", Tokens.of(victimTenant, "alice"),
                Map.of("title", "secret plans", "participantIds", List.of("bob"))).body().get("id").asText();
        messageId = rest.post("/api/v2/conversations/" + conversationId + "/messages", Tokens.of(victimTenant, "alice"),
                Map.of("body", "the secret")).body().get("id").asText();
    }

    /** Replaces ids so that two answers can be compared byte for byte apart from them. */
    private static String withoutIds(Response r, String... ids) {
        String text = r.raw();
        for (String id : ids) {
            text = text.replace(id, "<id>");
        }
        return r.status() + " " + text;
    }

    @Test
    void another_tenants_conversation_answers_exactly_like_one_that_does_not_exist_on_every_rest_route() {
        String mallory = Tokens.of(evilTenant, "mallory");
        String missing = UUID.randomUUID().toString();
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/v2/conversations/%s", null},
                new String[] {"PATCH", "/api/v2/conversations/%s", "{\"title\":\"pwned\"}"},
                new String[] {"POST", "/api/v2/conversations/%s/participants", "{\"userId\":\"mallory\"}"},
                new String[] {"DELETE", "/api/v2/conversations/%s/participants/bob", null},
                new String[] {"GET", "/api/v2/conversations/%s/messages", null},
                new String[] {"POST", "/api/v2/conversations/%s/messages", "{\"body\":\"spam\"}"},
                new String[] {"PATCH", "/api/v2/conversations/%s/messages/" + messageId, "{\"body\":\"x\"}"},
                new String[] {"DELETE", "/api/v2/conversations/%s/messages/" + messageId, null},
                new String[] {"POST", "/api/v2/conversations/%s/messages/" + messageId + "/read", null});
        for (String[] route : routes) {
            Response real = rest.send(route[0], route[1].formatted(conversationId), mallory, route[2]);
            Response none = rest.send(route[0], route[1].formatted(missing), mallory, route[2]);
            assertThat(real.status()).as("%s %s", route[0], route[1]).isEqualTo(404);
            assertThat(real.errorCode()).isEqualTo("not_found");
            assertThat(withoutIds(real, conversationId, missing)).as("%s %s", route[0], route[1])
                    .isEqualTo(withoutIds(none, conversationId, missing));
        }
        assertThat(rest.get("/api/v2/conversations", mallory).body().get("items")).isEmpty();
        // nothing changed for the victim
        Response victimView = rest.get("/api/v2/conversations/" + conversationId + "/messages", Tokens.of(victimTenant, "bob"));
        assertThat(victimView.body().get("items")).hasSize(1);
        assertThat(rest.get("/api/v2/conversations/" + conversationId, Tokens.of(victimTenant, "bob")).body()
                .get("title").asText()).isEqualTo("secret plans");
    }

    @Test
    void the_same_sub_in_another_tenant_is_another_user_and_sees_nothing() {
        String evilAlice = Tokens.of(evilTenant, "alice");
        Response r = rest.get("/api/v2/conversations/" + conversationId, evilAlice);
        assertThat(r.status()).isEqualTo(404);
        assertThat(rest.get("/api/v2/conversations", evilAlice).body().get("items")).isEmpty();
        try (ChatClient evil = ChatClient.connect(server.baseUrl(), evilAlice)) {
            evil.failure("join-conversation", Map.of("conversationId", conversationId), "not_found");
            evil.failure("message", Map.of("conversationId", conversationId, "body", "hi"), "not_found");
        }
    }

    @Test
    void a_socket_of_another_tenant_gets_not_found_for_every_event_exactly_as_for_a_missing_conversation() {
        String missing = UUID.randomUUID().toString();
        try (ChatClient mallory = ChatClient.connect(server.baseUrl(), Tokens.of(evilTenant, "mallory"))) {
            for (String id : List.of(conversationId, missing)) {
                List<Map<String, Object>> attempts = List.of(
                        Map.of("event", "join-conversation", "p", Map.of("conversationId", id)),
                        Map.of("event", "message", "p", Map.of("conversationId", id, "body", "spam")),
                        Map.of("event", "typing", "p", Map.of("conversationId", id, "isTyping", true)),
                        Map.of("event", "message-read", "p", Map.of("conversationId", id, "messageId", messageId)),
                        Map.of("event", "message-edited", "p", Map.of("conversationId", id, "messageId", messageId, "body", "x")),
                        Map.of("event", "message-deleted", "p", Map.of("conversationId", id, "messageId", messageId)));
                for (Map<String, Object> attempt : attempts) {
                    JsonNode error = mallory.failure((String) attempt.get("event"), attempt.get("p"), "not_found");
                    assertThat(error.get("message").asText()).isEqualTo("conversation not found");
                }
            }
        }
    }

    @Test
    void no_room_event_or_presence_of_the_victim_tenant_reaches_another_tenant_even_with_the_same_subs() {
        String evilConversation = rest.post("/api/v2/conversations", Tokens.of(evilTenant, "alice"),
                Map.of("participantIds", List.of("bob"))).body().get("id").asText();
        try (ChatClient evilAlice = ChatClient.connect(server.baseUrl(), Tokens.of(evilTenant, "alice"));
             ChatClient evilBob = ChatClient.connect(server.baseUrl(), Tokens.of(evilTenant, "bob"))) {
            assertThat(evilAlice.next("user-online").get("userId").asText()).isEqualTo("bob"); // their own tenant
            evilAlice.ok("join-conversation", Map.of("conversationId", evilConversation));
            evilBob.ok("join-conversation", Map.of("conversationId", evilConversation));
            evilAlice.failure("join-conversation", Map.of("conversationId", conversationId), "not_found");
            try (ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "bob"));
                 ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "alice"))) {
                alice.ok("join-conversation", Map.of("conversationId", conversationId));
                bob.ok("join-conversation", Map.of("conversationId", conversationId));
                assertThat(bob.next("user-online").get("userId").asText()).isEqualTo("alice");
                alice.ok("message", Map.of("conversationId", conversationId, "body", "tenant secret"));
                alice.ok("typing", Map.of("conversationId", conversationId, "isTyping", true));
                alice.ok("presence-update", Map.of("status", "busy"));
                rest.patch("/api/v2/conversations/" + conversationId, Tokens.of(victimTenant, "bob"), Map.of("title", "t2"));
                bob.next("message");
                bob.next("presence-update");
            }
            for (String event : List.of("message", "typing", "presence-update", "user-online", "user-offline",
                    "conversation-updated", "conversation-created")) {
                evilBob.expectNone(event, event.equals("message") ? QUIET : Duration.ZERO);
                evilAlice.expectNone(event, Duration.ZERO);
            }
        }
    }

    @Test
    void a_non_participant_of_the_same_tenant_cannot_join_send_read_or_list() {
        String eve = Tokens.of(victimTenant, "eve");
        try (ChatClient eveSocket = ChatClient.connect(server.baseUrl(), eve);
             ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "alice"))) {
            eveSocket.failure("join-conversation", Map.of("conversationId", conversationId), "not_found");
            eveSocket.failure("message", Map.of("conversationId", conversationId, "body", "hi"), "not_found");
            eveSocket.failure("message-read", Map.of("conversationId", conversationId, "messageId", messageId), "not_found");
            alice.ok("join-conversation", Map.of("conversationId", conversationId));
            alice.ok("message", Map.of("conversationId", conversationId, "body", "not for eve"));
            eveSocket.expectNone("message", QUIET);
        }
        assertThat(rest.get("/api/v2/conversations/" + conversationId + "/messages", eve).status()).isEqualTo(404);
        assertThat(rest.get("/api/v2/conversations", eve).body().get("items")).isEmpty();
    }

    @Test
    void a_removed_participant_leaves_the_room_on_all_sockets_at_once_and_hears_nothing_more() {
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "alice"));
             ChatClient bob1 = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "bob"));
             ChatClient bob2 = ChatClient.connect(server.baseUrl(), Tokens.of(victimTenant, "bob"))) {
            alice.ok("join-conversation", Map.of("conversationId", conversationId));
            bob1.ok("join-conversation", Map.of("conversationId", conversationId));
            bob2.ok("join-conversation", Map.of("conversationId", conversationId));
            alice.ok("message", Map.of("conversationId", conversationId, "body", "before"));
            bob1.next("message");
            bob2.next("message");

            assertThat(rest.delete("/api/v2/conversations/" + conversationId + "/participants/bob",
                    Tokens.of(victimTenant, "alice")).status()).isEqualTo(204);
            bob1.next("participant-removed");
            bob2.next("participant-removed");
            alice.ok("message", Map.of("conversationId", conversationId, "body", "after"));
            alice.ok("typing", Map.of("conversationId", conversationId, "isTyping", true));
            bob1.expectNone("message", QUIET);
            bob2.expectNone("message", Duration.ZERO);
            bob1.expectNone("typing", Duration.ZERO);
            bob1.failure("join-conversation", Map.of("conversationId", conversationId), "not_found");
            bob2.failure("message", Map.of("conversationId", conversationId, "body", "still here?"), "not_found");
        }
    }
}
