package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every payload is schema-checked on arrival (see ChatSocket and RestClient); these tests pin the details, and every
 * stated limit exactly at its bound and one past it, over the socket and over REST, on creation and on change.
 */
@DisplayName("§7 Objects")
@Order(7)
@ExtendWith(TargetExtension.class)
class ObjectsConformance {

    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "7.1", check = POSITIVE)
    @Clause(id = "7.1", check = NEGATIVE)
    @DisplayName("§7.1 Objects carry every field; absent optional values are null, never left out")
    void objects_carry_every_field_with_nulls(Target target) {
        Scene scene = new Scene(target);
        JsonNode conversation = target.api().createConversation(scene.a0, null, scene.a1);
        assertThat(conversation.has("title") && conversation.get("title").isNull())
                .as("title of a conversation created without one: " + Json.brief(conversation)).isTrue();
        assertThat(conversation.path("participantIds")).as("participantIds (creator included)")
                .extracting(JsonNode::asText).containsExactlyInAnyOrder(scene.a0.userId(), scene.a1.userId());
        assertThat(conversation.path("createdBy").asText()).isEqualTo(scene.a0.userId());
        String id = conversation.path("id").asText();
        ChatSocket socket = scene.joined(scene.a0, id);
        JsonNode message = Scene.send(socket, id, "plain");
        assertThat(message.has("clientMessageId") && message.get("clientMessageId").isNull())
                .as("clientMessageId when none was sent: " + Json.brief(message)).isTrue();
        assertThat(message.has("editedAt") && message.get("editedAt").isNull())
                .as("editedAt of a new message: " + Json.brief(message)).isTrue();
        assertThat(message.path("senderId").asText()).isEqualTo(scene.a0.userId());
        assertThat(message.path("conversationId").asText()).isEqualTo(id);
        JsonNode receipt = target.api().markRead(scene.a1, id, message.path("id").asText());
        for (String field : List.of("conversationId", "messageId", "userId", "readAt")) {
            assertThat(receipt.hasNonNull(field)).as(field + " of a Receipt: " + Json.brief(receipt)).isTrue();
        }
        if (!target.profile().unsupported().contains(Feature.PRESENCE)) {
            JsonNode presence = socket.ok("presence-update", Json.object("status", "online"));
            PayloadSchemas.bundled().require("presence.json", presence);
            assertThat(presence.has("statusText") && presence.get("statusText").isNull())
                    .as("statusText when none was sent: " + Json.brief(presence)).isTrue();
            assertThat(presence.path("userId").asText()).isEqualTo(scene.a0.userId());
        }
        JsonNode deletion = socket.ok("message-deleted", Json.object("conversationId", id, "messageId",
                message.path("id").asText()));
        for (String field : List.of("conversationId", "messageId", "by", "at")) {
            assertThat(deletion.hasNonNull(field)).as(field + " of a Deletion: " + Json.brief(deletion)).isTrue();
        }
    }

    @Test
    @Tag(ConformanceTags.EVENTS)
    @Clause(id = "7.2", check = POSITIVE)
    @Clause(id = "7.2", check = NEGATIVE)
    @DisplayName("§7.2 Every time is ISO-8601 in UTC with milliseconds, and it is the server's present, not another zone's")
    void times_are_utc_with_milliseconds(Target target) {
        Scene scene = new Scene(target);
        Instant before = Instant.now();
        JsonNode conversation = target.api().createConversation(scene.a0, "times", scene.a1);
        String id = conversation.path("id").asText();
        ChatSocket socket = scene.joined(scene.a0, id);
        JsonNode message = Scene.send(socket, id, "when?");
        JsonNode edited = socket.ok("message-edited", Json.object("conversationId", id, "messageId",
                message.path("id").asText(), "body", "now"));
        JsonNode receipt = target.api().markRead(scene.a1, id, message.path("id").asText());
        List<String> times = new ArrayList<>(List.of(conversation.path("createdAt").asText(),
                conversation.path("updatedAt").asText(), message.path("createdAt").asText(),
                edited.path("editedAt").asText(), receipt.path("readAt").asText()));
        for (String time : times) {
            assertThat(time).as("a time the target sent").matches(TIME);
            // Within a generous minute of the suite's clock: a time in another zone written with Z is hours off.
            assertThat(Instant.parse(time)).as("the instant " + time + " (suite clock at start: " + before + ")")
                    .isBetween(before.minusSeconds(60), Instant.now().plusSeconds(60));
        }
    }

    @Test
    @Tag(ConformanceTags.ROBUSTNESS)
    @Clause(id = "7.3", check = POSITIVE)
    @Clause(id = "7.3", check = BOUNDARY)
    @Clause(id = "7.3", check = NEGATIVE)
    @DisplayName("§7.3 body: 1 and 4,000 characters are accepted, 0 and 4,001 refused, over the socket and REST, sent and edited")
    void body_limit_is_exact(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        assertThat(Scene.send(socket, conversation, "b").path("body").asText()).hasSize(1);
        String id = Scene.send(socket, conversation, "b".repeat(4000)).path("id").asText();
        // Characters, not bytes: 4,000 two-byte characters are within the limit.
        assertThat(Scene.send(socket, conversation, "é".repeat(4000)).path("body").asText()).hasSize(4000);
        expectInvalid(socket, "message", Json.object("conversationId", conversation, "body", ""));
        expectInvalid(socket, "message", Json.object("conversationId", conversation, "body", "b".repeat(4001)));
        socket.ok("message-edited", Json.object("conversationId", conversation, "messageId", id, "body", "e".repeat(4000)));
        expectInvalid(socket, "message-edited", Json.object("conversationId", conversation, "messageId", id,
                "body", "e".repeat(4001)));
        expectInvalid(socket, "message-edited", Json.object("conversationId", conversation, "messageId", id, "body", ""));
        ChatApi.expect(target.api().tryPostMessage(scene.a0, conversation, "r".repeat(4000), null), 201, "message.json");
        expect400(target.api().tryPostMessage(scene.a0, conversation, "r".repeat(4001), null));
        expect400(target.api().tryEditMessage(scene.a0, conversation, id, "r".repeat(4001)));
        ChatApi.expect(target.api().tryEditMessage(scene.a0, conversation, id, "r".repeat(4000)), 200, "message.json");
        JsonNode stored = target.api().listMessages(scene.a0, conversation, 0, 100).path("items");
        assertThat(stored).as("messages stored (4 accepted)").hasSize(4);
        assertThat(target.api().messagesById(scene.a0, conversation).get(id).path("body").asText())
                .as("body of the message after the refused and accepted edits").isEqualTo("r".repeat(4000));
    }

    @Test
    @Tag(ConformanceTags.ROBUSTNESS)
    @Clause(id = "7.4", check = POSITIVE)
    @Clause(id = "7.4", check = BOUNDARY)
    @Clause(id = "7.4", check = NEGATIVE)
    @DisplayName("§7.4 ids and clientMessageId: 64 characters accepted, 65 refused (a stored one invalid_payload)")
    void id_limit_is_exact(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        String key64 = ("k" + Scene.shortId()).repeat(8).substring(0, 64);
        socket.ok("message", Json.object("conversationId", conversation, "body", "ok", "clientMessageId", key64));
        expectInvalid(socket, "message", Json.object("conversationId", conversation, "body", "x",
                "clientMessageId", key64 + "k"));
        expect400(target.api().tryPostMessage(scene.a0, conversation, "x", key64 + "r"));
        String user64 = ("u" + Scene.shortId()).repeat(8).substring(0, 64);
        RestResponse created = target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("title", "ids",
                "participantIds", Json.MAPPER.createArrayNode().add(user64)));
        assertThat(ChatApi.expect(created, 201, "conversation.json").path("participantIds")).extracting(JsonNode::asText)
                .contains(user64);
        expect400(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("title", "ids",
                "participantIds", Json.MAPPER.createArrayNode().add(user64 + "u"))));
        ChatApi.expect(target.api().tryAddParticipant(scene.a0, conversation, user64.replace('u', 'v')), 200,
                "conversation.json");
        expect400(target.api().tryAddParticipant(scene.a0, conversation, user64 + "v"));
        String long65 = "c".repeat(65);
        JsonNode join = socket.ack("join-conversation", Json.object("conversationId", long65));
        assertThat(join.path("error").path("code").asText()).as("join of a 65-character conversationId: " + Json.brief(join))
                .isIn("invalid_payload", "not_found");
        assertThat(target.api().listMessages(scene.a0, conversation, 0, 100).path("items")).as("messages stored").hasSize(1);
        assertThat(target.api().getConversation(scene.a0, conversation).path("participantIds")).extracting(JsonNode::asText)
                .as("participants after the refused 65-character user id").doesNotContain(user64 + "v");
    }

    @Test
    @Tag(ConformanceTags.ROBUSTNESS)
    @Clause(id = "7.5", check = POSITIVE)
    @Clause(id = "7.5", check = BOUNDARY)
    @Clause(id = "7.5", check = NEGATIVE)
    @DisplayName("§7.5 title and statusText: 200 characters accepted, 201 refused, on creation and on change")
    void title_and_status_text_limits_are_exact(Target target) {
        Scene scene = new Scene(target);
        JsonNode created = ChatApi.expect(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object(
                "title", "t".repeat(200), "participantIds", Json.MAPPER.createArrayNode().add(scene.a1.userId()))), 201,
                "conversation.json");
        String conversation = created.path("id").asText();
        expect400(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("title", "t".repeat(201),
                "participantIds", Json.MAPPER.createArrayNode().add(scene.a1.userId()))));
        target.api().renameConversation(scene.a0, conversation, "u".repeat(200));
        expect400(target.api().tryRenameConversation(scene.a0, conversation, "u".repeat(201)));
        assertThat(target.api().getConversation(scene.a0, conversation).path("title").asText())
                .as("title after the refused rename").isEqualTo("u".repeat(200));
        if (!target.profile().unsupported().contains(Feature.PRESENCE)) {
            ChatSocket socket = target.connect(scene.a0);
            socket.ok("presence-update", Json.object("status", "away", "statusText", "s".repeat(200)));
            expectInvalid(socket, "presence-update", Json.object("status", "away", "statusText", "s".repeat(201)));
        }
    }

    private static void expectInvalid(ChatSocket socket, String event, JsonNode payload) {
        JsonNode error = socket.error(event, payload);
        assertThat(error.path("code").asText()).as(event + " beyond a limit: " + Json.brief(error))
                .isEqualTo("invalid_payload");
    }

    private static void expect400(RestResponse response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(400);
        assertThat(response.errorCode()).as(response.describe()).isEqualTo("invalid_payload");
    }
}
