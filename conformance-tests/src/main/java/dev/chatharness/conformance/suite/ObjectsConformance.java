package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.schema.PayloadSchemas;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every payload is schema-checked on arrival (see ChatSocket and RestClient); these tests pin the details. */
@DisplayName("§7 Objects")
@Order(7)
@ExtendWith(TargetExtension.class)
class ObjectsConformance {

    @Test
    @Tag(ConformanceTags.EVENTS)
    @DisplayName("§7 Objects carry every field; absent optional values are null; times are ISO-8601 UTC with milliseconds")
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
        assertThat(message.get("clientMessageId").isNull()).as("clientMessageId when none was sent: " + Json.brief(message))
                .isTrue();
        assertThat(message.get("editedAt").isNull()).as("editedAt of a new message: " + Json.brief(message)).isTrue();
        assertThat(message.path("senderId").asText()).isEqualTo(scene.a0.userId());
        assertThat(message.path("conversationId").asText()).isEqualTo(id);
        JsonNode presence = socket.ok("presence-update", Json.object("status", "online"));
        PayloadSchemas.bundled().require("presence.json", presence);
        assertThat(presence.has("statusText") && presence.get("statusText").isNull())
                .as("statusText when none was sent: " + Json.brief(presence)).isTrue();
        assertThat(presence.path("userId").asText()).isEqualTo(scene.a0.userId());
    }

    @Test
    @Tag(ConformanceTags.ROBUSTNESS)
    @DisplayName("§7 Limits: body 1..4000 characters, clientMessageId <= 64, title <= 200, statusText <= 200")
    void limits_are_enforced_at_their_exact_bounds(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        assertThat(Scene.send(socket, conversation, "b".repeat(4000)).path("body").asText()).hasSize(4000);
        expectInvalid(socket, "message", Json.object("conversationId", conversation, "body", "b".repeat(4001)));
        // Characters, not bytes: 4000 two-byte characters are within the limit.
        assertThat(Scene.send(socket, conversation, "é".repeat(4000)).path("body").asText()).hasSize(4000);
        socket.ok("message", Json.object("conversationId", conversation, "body", "ok", "clientMessageId", "k".repeat(64)));
        expectInvalid(socket, "message", Json.object("conversationId", conversation, "body", "x",
                "clientMessageId", "k".repeat(65)));
        socket.ok("presence-update", Json.object("status", "away", "statusText", "s".repeat(200)));
        expectInvalid(socket, "presence-update", Json.object("status", "away", "statusText", "s".repeat(201)));
        target.api().renameConversation(scene.a0, conversation, "t".repeat(200));
        RestResponse longTitle = target.rest().patch("/api/v2/conversations/" + conversation, scene.a0.token(),
                Json.object("title", "t".repeat(201)));
        assertThat(longTitle.status()).as(longTitle.describe()).isEqualTo(400);
        RestResponse longBody = target.api().tryPostMessage(scene.a0, conversation, "b".repeat(4001), null);
        assertThat(longBody.status()).as(longBody.describe()).isEqualTo(400);
        ChatApi.expect(target.api().tryPostMessage(scene.a0, conversation, "b".repeat(4000), null), 201, "message.json");
    }

    private static void expectInvalid(ChatSocket socket, String event, JsonNode payload) {
        JsonNode error = socket.error(event, payload);
        assertThat(error.path("code").asText()).as(event + " beyond a limit: " + Json.brief(error))
                .isEqualTo("invalid_payload");
    }
}
