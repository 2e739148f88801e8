package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§4 Acknowledgements and errors")
@Tag(ConformanceTags.ROBUSTNESS)
@Order(4)
@ExtendWith(TargetExtension.class)
class AcknowledgementConformance {

    @Test
    @DisplayName("§4 A bad payload is answered invalid_payload and never drops the connection")
    void bad_payloads_are_refused_without_disconnecting(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        String messageId = Scene.send(socket, conversation, "to edit").path("id").asText();
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("join-conversation without conversationId", Json.object());
        bad.put("message without body", Json.object("conversationId", conversation));
        bad.put("message with an empty body", Json.object("conversationId", conversation, "body", ""));
        bad.put("message with a numeric body", Json.object("conversationId", conversation, "body", 42));
        bad.put("typing without isTyping", Json.object("conversationId", conversation));
        bad.put("message-read without messageId", Json.object("conversationId", conversation));
        bad.put("message-edited with an empty body", Json.object("conversationId", conversation, "messageId", messageId,
                "body", ""));
        bad.put("message-deleted with a numeric messageId", Json.object("conversationId", conversation, "messageId", 7));
        bad.put("presence-update with an unknown status", Json.object("status", "invisible"));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> attempt : bad.entrySet()) {
            String event = attempt.getKey().substring(0, attempt.getKey().indexOf(' '));
            JsonNode ack = socket.ack(event, attempt.getValue());
            if (ack.path("ok").asBoolean(true) || !"invalid_payload".equals(ack.path("error").path("code").asText())) {
                wrong.add(attempt.getKey() + " -> " + Json.brief(ack));
            }
        }
        JsonNode notAnObject = socket.join(socket.emitRawAsync("message", "just a string"), "the ack of a string payload");
        PayloadSchemas.bundled().require("ack-message.json", notAnObject);
        if (!"invalid_payload".equals(notAnObject.path("error").path("code").asText())) {
            wrong.add("message with a string payload -> " + Json.brief(notAnObject));
        }
        assertThat(wrong).as("bad payloads not answered invalid_payload").isEmpty();
        String body = Scene.marker("still-connected");
        assertThat(Scene.send(socket, conversation, body).path("body").asText())
                .as("a valid message on the same socket after the bad ones").isEqualTo(body);
        assertThat(socket.isDisconnected()).as("the socket was disconnected").isFalse();
    }

    @Test
    @DisplayName("§4 An event sent without an ack gets its failure as an error event {code, message, event}")
    void failure_without_ack_arrives_as_error_event(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        socket.emit("message", Json.object("conversationId", conversation, "body", ""));
        JsonNode error = socket.await("error", e -> "message".equals(e.path("event").asText()),
                "error event for the ack-less bad message");
        assertThat(error.path("code").asText()).as("error event " + Json.brief(error)).isEqualTo("invalid_payload");
        assertThat(error.path("message").isTextual()).as("error event has a message: " + Json.brief(error)).isTrue();
        socket.emit("join-conversation", Json.object("conversationId", Scene.missingId()));
        JsonNode notFound = socket.await("error", e -> "join-conversation".equals(e.path("event").asText()),
                "error event for the ack-less join of a missing conversation");
        assertThat(notFound.path("code").asText()).as("error event " + Json.brief(notFound)).isEqualTo("not_found");
        assertThat(socket.isDisconnected()).as("the socket was disconnected").isFalse();
    }

    @Test
    @DisplayName("§4 A failed ack is {ok:false, error:{code, message}} with a code from the contract")
    void failed_ack_has_the_contract_shape(Target target) {
        Scene scene = new Scene(target);
        ChatSocket socket = target.connect(scene.a0);
        JsonNode ack = socket.ack("join-conversation", Json.object("conversationId", Scene.missingId()));
        PayloadSchemas.bundled().require("ack-error.json", ack);
        assertThat(ack.path("error").path("code").asText()).as(Json.brief(ack)).isEqualTo("not_found");
    }

    @Test
    @DisplayName("§4 REST errors are {\"error\":{\"code\",\"message\"}} with 400 for bad bodies and 404 for unknown ids")
    void rest_errors_have_the_contract_shape(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        RestResponse empty = target.api().tryPostMessage(scene.a0, conversation, "", null);
        assertThat(empty.status()).as(empty.describe()).isEqualTo(400);
        assertThat(empty.errorCode()).as(empty.describe()).isEqualTo("invalid_payload");
        RestResponse notJson = target.rest().send("POST", "/api/v2/conversations/" + conversation + "/messages",
                scene.a0.token(), null, Map.of("Content-Type", "application/json"));
        assertThat(notJson.status()).as(notJson.describe() + " (no body)").isEqualTo(400);
        RestResponse missing = target.api().tryGetConversation(scene.a0, Scene.missingId());
        assertThat(missing.status()).as(missing.describe()).isEqualTo(404);
        assertThat(missing.errorCode()).as(missing.describe()).isEqualTo("not_found");
    }
}
