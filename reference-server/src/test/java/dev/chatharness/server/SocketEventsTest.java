package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.support.ChatClient;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import dev.chatharness.server.support.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Socket.IO events with the official Java client (contract sections 4, 5, 6)")
class SocketEventsTest {
    private static final Duration QUIET = Duration.ofMillis(400);
    private static ChatServer server;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        server = TestServers.start();
        rest = new RestClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Users are fresh per test so that presence and rate limits of one test never touch another. */
    private static String tenant() {
        return "t-" + UUID.randomUUID();
    }

    private static String conversation(String tenant, String creator, String... others) {
        var r = rest.post("/api/v2/conversations", Tokens.of(tenant, creator), Map.of("participantIds", List.of(others)));
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    @DisplayName("a message reaches the other sockets of the room, not the sender, after an ok ack carrying the Message")
    void message_round_trip(Transport transport) {
        String t = tenant();
        String id = conversation(t, "alice", "bob");
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"), transport);
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"), transport)) {
            JsonNode joined = Schemas.valid("ack-join-conversation.json", alice.ack("join-conversation", Map.of("conversationId", id))).get("data");
            assertThat(joined.get("conversationId").asText()).isEqualTo(id);
            assertThat(joined.get("lastSeq").asLong()).isZero();
            bob.ok("join-conversation", Map.of("conversationId", id));

            JsonNode ack = Schemas.valid("ack-message.json", alice.ack("message", Map.of("conversationId", id, "body", "hello", "clientMessageId", "k1")));
            JsonNode sent = ack.get("data");
            assertThat(sent.get("seq").asLong()).isEqualTo(1);
            assertThat(sent.get("senderId").asText()).isEqualTo("alice");

            JsonNode received = Schemas.valid("message.json", bob.next("message"));
            assertThat(received).isEqualTo(sent);
            alice.expectNone("message", QUIET);
        }
    }

    @Test
    void joining_reports_the_last_seq_and_leaving_stops_room_events() {
        String t = tenant();
        String id = conversation(t, "alice", "bob");
        rest.post("/api/v2/conversations/" + id + "/messages", Tokens.of(t, "alice"), Map.of("body", "before"));
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"))) {
            assertThat(bob.ok("join-conversation", Map.of("conversationId", id)).get("lastSeq").asLong()).isEqualTo(1);
            JsonNode left = Schemas.valid("ack-leave-conversation.json", bob.ack("leave-conversation", Map.of("conversationId", id)));
            assertThat(left.get("data").get("conversationId").asText()).isEqualTo(id);
            alice.ok("message", Map.of("conversationId", id, "body", "after leaving"));
            bob.expectNone("message", QUIET);
        }
    }

    @Test
    void typing_read_edit_and_delete_are_acked_and_broadcast_to_the_room_but_the_sender() {
        String t = tenant();
        String id = conversation(t, "alice", "bob");
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"))) {
            alice.ok("join-conversation", Map.of("conversationId", id));
            bob.ok("join-conversation", Map.of("conversationId", id));

            JsonNode typingAck = Schemas.valid("ack-typing.json", alice.ack("typing", Map.of("conversationId", id, "isTyping", true)));
            assertThat(typingAck.get("data").isObject()).isTrue();
            JsonNode typing = Schemas.valid("typing.json", bob.next("typing"));
            assertThat(typing.get("userId").asText()).isEqualTo("alice");
            assertThat(typing.get("isTyping").asBoolean()).isTrue();
            assertThat(typing.get("conversationId").asText()).isEqualTo(id);

            JsonNode message = alice.ok("message", Map.of("conversationId", id, "body", "v1"));
            bob.next("message");
            String mid = message.get("id").asText();

            JsonNode receipt = Schemas.valid("ack-message-read.json", bob.ack("message-read", Map.of("conversationId", id, "messageId", mid))).get("data");
            assertThat(receipt.get("userId").asText()).isEqualTo("bob");
            assertThat(Schemas.valid("receipt.json", alice.next("message-read"))).isEqualTo(receipt);

            JsonNode edited = Schemas.valid("ack-message-edited.json", alice.ack("message-edited", Map.of("conversationId", id, "messageId", mid, "body", "v2"))).get("data");
            assertThat(edited.get("body").asText()).isEqualTo("v2");
            assertThat(edited.get("editedAt").isTextual()).isTrue();
            assertThat(Schemas.valid("message.json", bob.next("message-edited"))).isEqualTo(edited);

            JsonNode deletion = Schemas.valid("ack-message-deleted.json", alice.ack("message-deleted", Map.of("conversationId", id, "messageId", mid))).get("data");
            assertThat(deletion.get("by").asText()).isEqualTo("alice");
            assertThat(Schemas.valid("deletion.json", bob.next("message-deleted"))).isEqualTo(deletion);

            alice.expectNone("typing", QUIET);
            alice.expectNone("message-edited", Duration.ZERO);
            bob.expectNone("message-read", Duration.ZERO);
        }
    }

    @Test
    void editing_or_deleting_someone_elses_message_is_forbidden() {
        String t = tenant();
        String id = conversation(t, "alice", "bob");
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"))) {
            String mid = alice.ok("message", Map.of("conversationId", id, "body", "mine")).get("id").asText();
            Schemas.valid("ack-error.json", bob.ack("message-edited", Map.of("conversationId", id, "messageId", mid, "body", "x")));
            bob.failure("message-edited", Map.of("conversationId", id, "messageId", mid, "body", "x"), "forbidden");
            bob.failure("message-deleted", Map.of("conversationId", id, "messageId", mid), "forbidden");
        }
    }

    @Test
    void a_rest_message_reaches_the_whole_room_including_the_authors_own_sockets() {
        String t = tenant();
        String id = conversation(t, "alice", "bob");
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"))) {
            alice.ok("join-conversation", Map.of("conversationId", id));
            bob.ok("join-conversation", Map.of("conversationId", id));
            JsonNode posted = rest.post("/api/v2/conversations/" + id + "/messages", Tokens.of(t, "alice"), Map.of("body", "via rest")).body();
            assertThat(alice.next("message")).isEqualTo(posted);
            assertThat(bob.next("message")).isEqualTo(posted);
        }
    }

    @Test
    void conversation_and_participant_events_reach_every_socket_of_every_participant_joined_or_not() {
        String t = tenant();
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient alice2 = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
             ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"));
             ChatClient carol = ChatClient.connect(server.baseUrl(), Tokens.of(t, "carol"));
             ChatClient dave = ChatClient.connect(server.baseUrl(), Tokens.of(t, "dave"))) {
            String id = conversation(t, "alice", "bob");
            JsonNode created = Schemas.valid("conversation.json", alice.next("conversation-created"));
            assertThat(created.get("id").asText()).isEqualTo(id);
            assertThat(alice2.next("conversation-created")).isEqualTo(created);
            assertThat(bob.next("conversation-created")).isEqualTo(created);

            rest.patch("/api/v2/conversations/" + id, Tokens.of(t, "bob"), Map.of("title", "new"));
            assertThat(Schemas.valid("conversation.json", alice.next("conversation-updated")).get("title").asText()).isEqualTo("new");
            alice2.next("conversation-updated");
            bob.next("conversation-updated");

            rest.post("/api/v2/conversations/" + id + "/participants", Tokens.of(t, "alice"), Map.of("userId", "carol"));
            for (ChatClient c : List.of(alice, alice2, bob, carol)) {
                JsonNode added = Schemas.valid("participant-change.json", c.next("participant-added"));
                assertThat(added.get("userId").asText()).isEqualTo("carol");
                assertThat(added.get("by").asText()).isEqualTo("alice");
                assertThat(added.get("conversationId").asText()).isEqualTo(id);
            }

            rest.delete("/api/v2/conversations/" + id + "/participants/bob", Tokens.of(t, "alice"));
            for (ChatClient c : List.of(alice, alice2, bob, carol)) {
                JsonNode removed = Schemas.valid("participant-change.json", c.next("participant-removed"));
                assertThat(removed.get("userId").asText()).isEqualTo("bob");
            }
            dave.expectNone("conversation-created", QUIET);
            dave.expectNone("participant-added", Duration.ZERO);
            dave.expectNone("participant-removed", Duration.ZERO);
        }
    }

    @Test
    void user_online_on_the_first_socket_user_offline_on_the_last_and_presence_updates_reach_contacts_only() {
        String t = tenant();
        conversation(t, "alice", "bob");
        try (ChatClient bob = ChatClient.connect(server.baseUrl(), Tokens.of(t, "bob"));
             ChatClient stranger = ChatClient.connect(server.baseUrl(), Tokens.of(t, "stranger"))) {
            ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));
            JsonNode online = Schemas.valid("user-status-change.json", bob.next("user-online"));
            assertThat(online.get("userId").asText()).isEqualTo("alice");
            ChatClient alice2 = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"));

            JsonNode presence = Schemas.valid("ack-presence-update.json",
                    alice.ack("presence-update", Map.of("status", "busy", "statusText", "in a meeting"))).get("data");
            assertThat(presence.get("status").asText()).isEqualTo("busy");
            assertThat(Schemas.valid("presence.json", bob.next("presence-update"))).isEqualTo(presence);
            JsonNode noText = alice.ok("presence-update", Map.of("status", "away"));
            assertThat(noText.get("statusText").isNull()).isTrue();
            bob.next("presence-update");

            alice.close();
            bob.expectNone("user-offline", QUIET); // alice2 is still there
            alice2.close();
            JsonNode offline = Schemas.valid("user-status-change.json", bob.next("user-offline"));
            assertThat(offline.get("userId").asText()).isEqualTo("alice");

            bob.expectNone("user-online", Duration.ZERO); // only one user-online for two sockets
            stranger.expectNone("user-online", Duration.ZERO);
            stranger.expectNone("presence-update", Duration.ZERO);
            stranger.expectNone("user-offline", Duration.ZERO);
        }
    }

    @Test
    void an_event_sent_without_ack_gets_its_failure_as_an_error_event_naming_the_event() {
        String t = tenant();
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), Tokens.of(t, "alice"))) {
            alice.emit("message", Map.of("conversationId", "does-not-exist", "body", "x"));
            JsonNode error = Schemas.valid("error-event.json", alice.next("error"));
            assertThat(error.get("code").asText()).isEqualTo("not_found");
            assertThat(error.get("event").asText()).isEqualTo("message");
            alice.emit("typing", Map.of("conversationId", 42));
            JsonNode invalid = alice.next("error");
            assertThat(invalid.get("code").asText()).isEqualTo("invalid_payload");
            assertThat(invalid.get("event").asText()).isEqualTo("typing");
            assertThat(alice.connected()).isTrue();
        }
    }

    @Test
    void the_token_may_travel_in_an_authorization_header_on_the_handshake() {
        String t = tenant();
        var options = new ChatClient.Options(Transport.POLLING, null, Tokens.of(t, "alice"), null, null);
        try (ChatClient alice = ChatClient.connect(server.baseUrl(), options)) {
            assertThat(alice.ok("presence-update", Map.of("status", "online")).get("userId").asText()).isEqualTo("alice");
        }
    }
}
