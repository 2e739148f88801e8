package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RawEngineSocket;
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
    @Clause(id = "4.5", check = POSITIVE)
    @Clause(id = "4.5", check = NEGATIVE)
    @DisplayName("§4.5 A bad payload is answered invalid_payload and never drops the connection")
    void bad_payloads_are_refused_without_disconnecting(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        ChatSocket bystander = scene.joined(scene.a1, conversation);
        String messageId = Scene.send(socket, conversation, "to edit").path("id").asText();
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("join-conversation without conversationId", Json.object());
        bad.put("join-conversation with a numeric conversationId", Json.object("conversationId", 12));
        bad.put("message without body", Json.object("conversationId", conversation));
        bad.put("message with an empty body", Json.object("conversationId", conversation, "body", ""));
        bad.put("message with a numeric body", Json.object("conversationId", conversation, "body", 42));
        bad.put("message with an object as clientMessageId", Json.object("conversationId", conversation, "body", "x",
                "clientMessageId", Json.object("a", 1)));
        bad.put("typing without isTyping", Json.object("conversationId", conversation));
        bad.put("typing with a string isTyping", Json.object("conversationId", conversation, "isTyping", "yes"));
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
        Scene.awaitMessage(bystander, body);
        assertThat(socket.isDisconnected()).as("the socket was disconnected").isFalse();
        assertThat(bystander.isDisconnected()).as("the other user's socket was disconnected").isFalse();
    }

    @Test
    @Clause(id = "4.3", check = POSITIVE)
    @DisplayName("§4.3 An event sent without an ack gets its failure as an error event {code, message, event}")
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
    @Clause(id = "4.3", check = NEGATIVE)
    @DisplayName("§4.3 An event without an ack that succeeds gets no error event; the other sockets get none either")
    void success_without_ack_sends_no_error(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        ChatSocket other = scene.joined(scene.a1, conversation);
        String body = Scene.marker("fire-and-forget");
        socket.emit("message", Json.object("conversationId", conversation, "body", body));
        Scene.awaitMessage(other, body);
        socket.emit("join-conversation", Json.object("conversationId", conversation));
        String sentinel = Scene.marker("sentinel");
        Scene.send(other, conversation, sentinel);
        Scene.awaitMessage(socket, sentinel);
        assertThat(socket.received("error")).as("error events after successful ack-less events").isEmpty();
        assertThat(other.received("error")).as("error events at another socket").isEmpty();
    }

    @Test
    @Clause(id = "4.1", check = POSITIVE)
    @Clause(id = "4.4", check = POSITIVE)
    @DisplayName("§4.1 An ack is {ok:true, data} or {ok:false, error:{code, message}} with a code from the contract")
    void acks_have_the_contract_shape(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = target.connect(scene.a0);
        JsonNode failed = socket.ack("join-conversation", Json.object("conversationId", Scene.missingId()));
        PayloadSchemas.bundled().require("ack-error.json", failed);
        assertThat(failed.path("ok").asBoolean(true)).as(Json.brief(failed)).isFalse();
        assertThat(failed.path("error").path("code").asText()).as(Json.brief(failed)).isEqualTo("not_found");
        assertThat(failed.path("error").path("message").isTextual()).as("error.message of " + Json.brief(failed)).isTrue();
        JsonNode succeeded = socket.ack("join-conversation", Json.object("conversationId", conversation));
        assertThat(succeeded.path("ok").asBoolean(false)).as(Json.brief(succeeded)).isTrue();
        assertThat(succeeded.path("data").isObject()).as("data of " + Json.brief(succeeded)).isTrue();
    }

    @Test
    @Clause(id = "4.1", check = NEGATIVE)
    @DisplayName("§4.1 Every event with an ack id is answered exactly once, whether it succeeds, fails or is malformed")
    void every_event_is_answered_exactly_once(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        RawEngineSocket raw = target.rawConnect(scene.a0);
        String ns = target.namespacePrefix();
        Map<Integer, JsonNode> events = new LinkedHashMap<>();
        events.put(1, Json.MAPPER.createArrayNode().add("join-conversation").add(Json.object("conversationId", conversation)));
        events.put(2, Json.MAPPER.createArrayNode().add("join-conversation").add(Json.object("conversationId", Scene.missingId())));
        events.put(3, Json.MAPPER.createArrayNode().add("message").add(Json.object("conversationId", conversation, "body", "")));
        events.put(4, Json.MAPPER.createArrayNode().add("message").add(Json.object("conversationId", conversation,
                "body", "once")));
        events.put(5, Json.MAPPER.createArrayNode().add("message-read").add(Json.object("conversationId", conversation,
                "messageId", Scene.missingId())));
        events.forEach((id, event) -> raw.send("42" + ns + id + event));
        raw.send("42" + ns + "6" + Json.MAPPER.createArrayNode().add("leave-conversation")
                .add(Json.object("conversationId", conversation)));
        String last = raw.until(frame -> frame.startsWith("43" + ns + "6["), target.profile().eventTimeout());
        assertThat(last).as("the ack of the last event").isNotNull().isNotEqualTo(RawEngineSocket.CLOSED);
        // Acks come in order for one socket in practice, but the contract does not say so: wait for all of them.
        for (int id = 1; id <= 5; id++) {
            String prefix = "43" + ns + id + "[";
            if (raw.seen().stream().noneMatch(f -> f.startsWith(prefix))) {
                assertThat(raw.until(f -> f.startsWith(prefix), target.profile().eventTimeout()))
                        .as("the ack of event " + id + " " + events.get(id)).isNotNull();
            }
        }
        String sentinel = Scene.marker("sentinel");
        raw.send("42" + ns + "7" + Json.MAPPER.createArrayNode().add("leave-conversation")
                .add(Json.object("conversationId", conversation + "-" + sentinel)));
        raw.until(frame -> frame.startsWith("43" + ns + "7["), target.profile().eventTimeout());
        for (int id = 1; id <= 6; id++) {
            String prefix = "43" + ns + id + "[";
            assertThat(raw.seen().stream().filter(f -> f.startsWith(prefix)).count())
                    .as("acks of event " + id + " " + events.getOrDefault(id, Json.object("event", "leave-conversation")))
                    .isEqualTo(1);
        }
    }

    @Test
    @Clause(id = "4.4", check = NEGATIVE)
    @DisplayName("§4.4 A client's mistake is never answered internal: unknown ids are not_found, wrong types invalid_payload")
    void client_mistakes_are_never_internal(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        ChatSocket socket = scene.joined(scene.a0, conversation);
        String missing = Scene.missingId();
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, JsonNode> mistakes = new LinkedHashMap<>();
        mistakes.put("message-read of an unknown message", Json.object("conversationId", conversation, "messageId", missing));
        expected.put("message-read of an unknown message", "not_found");
        mistakes.put("message-edited of an unknown message", Json.object("conversationId", conversation, "messageId",
                missing, "body", "x"));
        expected.put("message-edited of an unknown message", "not_found");
        mistakes.put("message-deleted of an unknown message", Json.object("conversationId", conversation, "messageId", missing));
        expected.put("message-deleted of an unknown message", "not_found");
        mistakes.put("message-edited with a null body", Json.object("conversationId", conversation, "messageId", missing,
                "body", null));
        expected.put("message-edited with a null body", "invalid_payload");
        mistakes.put("message with a null conversationId", Json.object("conversationId", null, "body", "x"));
        expected.put("message with a null conversationId", "invalid_payload");
        List<String> wrong = new ArrayList<>();
        mistakes.forEach((what, payload) -> {
            String event = what.substring(0, what.indexOf(' '));
            JsonNode ack = socket.ack(event, payload);
            String code = ack.path("error").path("code").asText("ok");
            if (!expected.get(what).equals(code)) {
                wrong.add(what + " -> " + Json.brief(ack) + " (expected " + expected.get(what) + ")");
            }
        });
        assertThat(wrong).as("client mistakes answered with another code").isEmpty();
    }

    @Test
    @Clause(id = "4.6", check = POSITIVE)
    @DisplayName("§4.6 REST errors are {\"error\":{\"code\",\"message\"}} with 400 for bad bodies and 404 for unknown ids")
    void rest_errors_have_the_contract_shape(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        RestResponse empty = target.api().tryPostMessage(scene.a0, conversation, "", null);
        assertThat(empty.status()).as(empty.describe()).isEqualTo(400);
        assertThat(empty.errorCode()).as(empty.describe()).isEqualTo("invalid_payload");
        assertThat(empty.body().path("error").path("message").isTextual()).as("error.message of " + empty.describe()).isTrue();
        RestResponse notJson = target.rest().send("POST", "/api/v2/conversations/" + conversation + "/messages",
                scene.a0.token(), null, Map.of("Content-Type", "application/json"));
        assertThat(notJson.status()).as(notJson.describe() + " (no body)").isEqualTo(400);
        RestResponse missing = target.api().tryGetConversation(scene.a0, Scene.missingId());
        assertThat(missing.status()).as(missing.describe()).isEqualTo(404);
        assertThat(missing.errorCode()).as(missing.describe()).isEqualTo("not_found");
    }

    @Test
    @Clause(id = "4.6", check = NEGATIVE)
    @DisplayName("§4.6 REST never answers a client's mistake with 5xx: unknown message ids, bad query values, wrong types")
    void rest_client_mistakes_are_never_5xx(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String missing = Scene.missingId();
        // What the contract leaves open (a non-numeric limit may be refused or ignored) need only not be a 5xx.
        List<RestResponse> open = new ArrayList<>();
        open.add(target.api().tryEditMessage(scene.a0, conversation, missing, "x"));
        open.add(target.api().tryDeleteMessage(scene.a0, conversation, missing));
        open.add(target.api().tryMarkRead(scene.a0, conversation, missing));
        open.add(target.rest().get("/api/v2/conversations/" + conversation + "/messages?limit=lots", scene.a0.token()));
        open.add(target.rest().get("/api/v2/conversations/" + conversation + "/messages?afterSeq=-5", scene.a0.token()));
        for (RestResponse answer : open) {
            assertThat(answer.status()).as(answer.describe()).isLessThan(500);
        }
        // A value of the wrong type in a body is invalid_payload (400).
        List<RestResponse> wrongTypes = new ArrayList<>();
        wrongTypes.add(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("participantIds", "a1")));
        wrongTypes.add(target.rest().post("/api/v2/conversations", scene.a0.token(), Json.object("participantIds",
                Json.MAPPER.createArrayNode().add(42))));
        wrongTypes.add(target.rest().patch("/api/v2/conversations/" + conversation, scene.a0.token(), Json.object("title", 7)));
        wrongTypes.add(target.rest().post("/api/v2/conversations/" + conversation + "/participants", scene.a0.token(),
                Json.object("userId", Json.object())));
        wrongTypes.add(target.rest().post("/api/v2/conversations/" + conversation + "/messages", scene.a0.token(),
                Json.object("body", "x", "clientMessageId", 99)));
        for (RestResponse answer : wrongTypes) {
            assertThat(answer.status()).as(answer.describe()).isEqualTo(400);
            assertThat(answer.errorCode()).as(answer.describe()).isEqualTo("invalid_payload");
        }
    }
}
