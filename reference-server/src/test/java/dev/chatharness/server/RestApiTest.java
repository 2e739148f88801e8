package dev.chatharness.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.support.RestClient;
import dev.chatharness.server.support.RestClient.Response;
import dev.chatharness.server.support.Schemas;
import dev.chatharness.server.support.TestServers;
import dev.chatharness.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("REST /api/v2 and /health (contract sections 1, 2, 4, 9, 10)")
class RestApiTest {
    private static ChatServer server;
    private static RestClient rest;
    private static final String ALICE = Tokens.of("acme", "alice");
    private static final String BOB = Tokens.of("acme", "bob");

    @BeforeAll
    static void start() {
        server = TestServers.start(b -> b.messageRate(new RateLimit(5, 1)));
        rest = new RestClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newConversation(String token, String... others) {
        Response r = rest.post("/api/v2/conversations", token, Map.of("title", "t", "participantIds", List.of(others)));
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    @Test
    void health_answers_ok_without_authentication() {
        Response r = rest.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().toString()).isEqualTo("{\"status\":\"ok\"}");
        Schemas.valid("health.json", r.body());
    }

    @Test
    void creating_a_conversation_answers_201_with_the_creator_included_and_it_is_listed_and_readable() {
        Response created = rest.post("/api/v2/conversations", ALICE, Map.of("title", "Launch", "participantIds", List.of("bob")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = Schemas.valid("conversation.json", created.body());
        assertThat(c.get("participantIds")).extracting(JsonNode::asText).containsExactly("alice", "bob");
        assertThat(c.get("createdBy").asText()).isEqualTo("alice");
        assertThat(c.get("title").asText()).isEqualTo("Launch");
        assertThat(c.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Response list = rest.get("/api/v2/conversations", BOB);
        assertThat(list.status()).isEqualTo(200);
        Schemas.valid("conversation-list.json", list.body());
        assertThat(list.body().get("items")).extracting(n -> n.get("id").asText()).contains(c.get("id").asText());

        Response one = rest.get("/api/v2/conversations/" + c.get("id").asText(), BOB);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).isEqualTo(c);
    }

    @Test
    void a_conversation_without_title_has_a_null_title() {
        Response created = rest.post("/api/v2/conversations", ALICE, Map.of("participantIds", List.of()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("title").isNull()).isTrue();
        Schemas.valid("conversation.json", created.body());
    }

    @Test
    void renaming_and_adding_and_removing_participants_follow_the_table() {
        String id = newConversation(ALICE, "bob");
        Response renamed = rest.patch("/api/v2/conversations/" + id, BOB, Map.of("title", "Renamed"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(Schemas.valid("conversation.json", renamed.body()).get("title").asText()).isEqualTo("Renamed");

        Response added = rest.post("/api/v2/conversations/" + id + "/participants", ALICE, Map.of("userId", "carol"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().get("participantIds")).extracting(JsonNode::asText).containsExactly("alice", "bob", "carol");

        Response removed = rest.delete("/api/v2/conversations/" + id + "/participants/carol", ALICE);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(rest.get("/api/v2/conversations/" + id, Tokens.of("acme", "carol")).status()).isEqualTo(404);
    }

    @Test
    void posting_messages_gives_201_with_seq_and_a_repeated_client_message_id_gives_200_with_the_original() {
        String id = newConversation(ALICE, "bob");
        Response first = rest.post("/api/v2/conversations/" + id + "/messages", ALICE, Map.of("body", "hi", "clientMessageId", "c-1"));
        assertThat(first.status()).isEqualTo(201);
        JsonNode m = Schemas.valid("message.json", first.body());
        assertThat(m.get("seq").asLong()).isEqualTo(1);
        assertThat(m.get("editedAt").isNull()).isTrue();

        Response repeat = rest.post("/api/v2/conversations/" + id + "/messages", ALICE, Map.of("body", "hi again", "clientMessageId", "c-1"));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(m);

        Response second = rest.post("/api/v2/conversations/" + id + "/messages", BOB, Map.of("body", "yo"));
        assertThat(second.body().get("seq").asLong()).isEqualTo(2);
        assertThat(second.body().get("clientMessageId").isNull()).isTrue();
    }

    @Test
    void messages_are_listed_by_seq_after_a_given_seq_and_limited() {
        String id = newConversation(BOB, "alice");
        String bob = Tokens.of("acme", "bob");
        for (int i = 1; i <= 4; i++) {
            assertThat(rest.post("/api/v2/conversations/" + id + "/messages", bob, Map.of("body", "m" + i)).status()).isEqualTo(201);
        }
        Response all = rest.get("/api/v2/conversations/" + id + "/messages", ALICE);
        Schemas.valid("message-list.json", all.body());
        assertThat(all.body().get("items")).extracting(n -> n.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
        Response page = rest.get("/api/v2/conversations/" + id + "/messages?afterSeq=1&limit=2", ALICE);
        assertThat(page.body().get("items")).extracting(n -> n.get("body").asText()).containsExactly("m2", "m3");
        Response tooMany = rest.get("/api/v2/conversations/" + id + "/messages?limit=101", ALICE);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorCode()).isEqualTo("invalid_payload");
        Schemas.valid("rest-error.json", tooMany.body());
    }

    @Test
    void editing_reading_and_deleting_a_message_answer_200_200_and_204_and_only_the_author_may_edit() {
        String id = newConversation(ALICE, "bob");
        String mid = rest.post("/api/v2/conversations/" + id + "/messages", ALICE, Map.of("body", "draft")).body().get("id").asText();

        Response notAuthor = rest.patch("/api/v2/conversations/" + id + "/messages/" + mid, BOB, Map.of("body", "hijack"));
        assertThat(notAuthor.status()).isEqualTo(403);
        assertThat(notAuthor.errorCode()).isEqualTo("forbidden");
        assertThat(rest.delete("/api/v2/conversations/" + id + "/messages/" + mid, BOB).status()).isEqualTo(403);

        Response edited = rest.patch("/api/v2/conversations/" + id + "/messages/" + mid, ALICE, Map.of("body", "final"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(Schemas.valid("message.json", edited.body()).get("editedAt").isNull()).isFalse();
        assertThat(edited.body().get("body").asText()).isEqualTo("final");

        Response read = rest.post("/api/v2/conversations/" + id + "/messages/" + mid + "/read", BOB, null);
        assertThat(read.status()).isEqualTo(200);
        JsonNode receipt = Schemas.valid("receipt.json", read.body());
        assertThat(receipt.get("userId").asText()).isEqualTo("bob");
        assertThat(receipt.get("messageId").asText()).isEqualTo(mid);

        assertThat(rest.delete("/api/v2/conversations/" + id + "/messages/" + mid, ALICE).status()).isEqualTo(204);
        assertThat(rest.get("/api/v2/conversations/" + id + "/messages", ALICE).body().get("items")).isEmpty();
        Response gone = rest.patch("/api/v2/conversations/" + id + "/messages/" + mid, ALICE, Map.of("body", "again"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found");
    }

    @Test
    void authentication_failures_answer_401_with_www_authenticate_and_the_reason() {
        Map<String, String> cases = Map.of(
                "token_missing", "",
                "token_invalid", "not.a.jwt",
                "token_expired", Tokens.expired("acme", "alice"));
        cases.forEach((code, token) -> {
            Response r = rest.get("/api/v2/conversations", token.isEmpty() ? null : token);
            assertThat(r.status()).as(code).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(r.errorCode()).isEqualTo(code);
            Schemas.valid("rest-error.json", r.body());
        });
    }

    @Test
    void a_signed_token_whose_header_or_payload_is_not_an_object_answers_401_token_invalid_not_500() {
        for (String token : Tokens.withNonObjectParts()) {
            Response r = rest.get("/api/v2/conversations", token);
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("token_invalid");
            Schemas.valid("rest-error.json", r.body());
        }
    }

    @Test
    void malformed_bodies_answer_400_invalid_payload_and_oversized_ones_413_never_500() {
        String[] bad = {"{broken", "[]", "\"text\"", "{\"participantIds\":\"bob\"}", "{\"participantIds\":[42]}",
            "{\"title\":" + "\"" + "x".repeat(201) + "\",\"participantIds\":[]}", "{}"};
        for (String body : bad) {
            Response r = rest.post("/api/v2/conversations", ALICE, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_payload");
        }
        String id = newConversation(ALICE);
        for (String body : new String[] {"{}", "{\"body\":\"\"}", "{\"body\":5}", "{\"body\":\"" + "x".repeat(4001) + "\"}",
            "{\"body\":\"ok\",\"clientMessageId\":\"" + "c".repeat(65) + "\"}"}) {
            Response r = rest.post("/api/v2/conversations/" + id + "/messages", ALICE, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_payload");
        }
        Response huge = rest.post("/api/v2/conversations/" + id + "/messages", ALICE,
                "{\"body\":\"" + "x".repeat(2_000_000) + "\"}");
        assertThat(huge.status()).isIn(400, 413);
        assertThat(huge.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void unknown_routes_answer_404_not_found_with_the_error_body() {
        Response r = rest.get("/api/v2/nothing-here", ALICE);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void over_the_message_limit_rest_answers_429_with_retry_after_and_ratelimit_fields() {
        String id = newConversation(Tokens.of("acme", "rapid"));
        String rapid = Tokens.of("acme", "rapid");
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(rest.post("/api/v2/conversations/" + id + "/messages", rapid, Map.of("body", "m" + i)));
        }
        Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"message\";q=5;w=5");
        assertThat(limited.header("RateLimit")).startsWith("\"message\";r=0;t=");
        Schemas.valid("rest-error.json", limited.body());
        long stored = rest.get("/api/v2/conversations/" + id + "/messages", rapid).body().get("items").size();
        assertThat(stored).isEqualTo(responses.stream().filter(r -> r.status() == 201).count());
    }
}
