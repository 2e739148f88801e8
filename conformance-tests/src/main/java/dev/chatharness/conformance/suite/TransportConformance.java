package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RawEngineSocket;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("§1 Transport")
@Tag(ConformanceTags.TRANSPORT)
@Order(1)
@ExtendWith(TargetExtension.class)
class TransportConformance {

    @Test
    @DisplayName("§1 GET /health answers 200 {\"status\":\"ok\"} without authentication")
    void health_answers_ok_without_authentication(Target target) {
        RestResponse health = target.rest().get("/health", null);
        ChatApi.expect(health, 200, "health.json");
    }

    @Test
    @DisplayName("§1 A client connects over WebSocket at the Socket.IO path, namespace /, and exchanges events")
    void websocket_transport_works(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = target.connect(ConnectOptions.as(scene.a0).transports("websocket"));
        ChatSocket receiver = target.connect(ConnectOptions.as(scene.a1).transports("websocket"));
        Scene.join(sender, conversation);
        Scene.join(receiver, conversation);
        String body = Scene.marker("over-websocket");
        Scene.send(sender, conversation, body);
        Scene.awaitMessage(receiver, body);
        assertThat(sender.transport()).as("transport of a WebSocket-only client").isEqualTo("websocket");
    }

    @Test
    @DisplayName("§1 A client connects over HTTP long-polling and exchanges events")
    void long_polling_transport_works(Target target) {
        target.assumeSupported(Feature.POLLING);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket sender = target.connect(ConnectOptions.as(scene.a0).transports("polling").upgrade(false));
        ChatSocket receiver = target.connect(ConnectOptions.as(scene.a1).transports("polling").upgrade(false));
        Scene.join(sender, conversation);
        Scene.join(receiver, conversation);
        String body = Scene.marker("over-polling");
        Scene.send(sender, conversation, body);
        Scene.awaitMessage(receiver, body);
        assertThat(receiver.transport()).as("transport of a polling-only client").isEqualTo("polling");
    }

    @Test
    @DisplayName("§1 A long-polling connection upgrades to WebSocket and keeps working")
    void polling_upgrades_to_websocket(Target target) {
        target.assumeSupported(Feature.POLLING);
        target.assumeSupported(Feature.UPGRADE);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket upgraded = target.connect(ConnectOptions.as(scene.a0).transports("polling", "websocket").upgrade(true));
        await("the polling connection of " + upgraded + " to upgrade to websocket")
                .atMost(target.profile().eventTimeout()).pollInterval(Duration.ofMillis(20))
                .until(upgraded::transport, "websocket"::equals);
        ChatSocket receiver = Scene.joinedOverWebsocket(target, scene.a1, conversation);
        Scene.join(upgraded, conversation);
        String body = Scene.marker("after-upgrade");
        Scene.send(upgraded, conversation, body);
        Scene.awaitMessage(receiver, body);
    }

    @Test
    @DisplayName("§1 A packet above maxPayload (1,000,000 bytes) closes that connection and nothing else")
    void oversized_packet_closes_only_its_connection(Target target) {
        target.assumeSupported(Feature.MAX_PAYLOAD);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket bystander = scene.joined(scene.a0, conversation);
        RawEngineSocket oversized = target.rawConnect(scene.a0);
        String frame = "42" + Json.MAPPER.createArrayNode().add("message")
                .add(Json.object("conversationId", conversation, "body", "x".repeat(1_000_100)));
        assertThat(oversized.send(frame)).as("the client queued the oversized frame").isTrue();
        oversized.awaitClosed(target.profile().eventTimeout());
        String body = Scene.marker("still-alive");
        JsonNode stored = Scene.send(bystander, conversation, body);
        assertThat(stored.path("body").asText()).as("the other connection of the same user still works").isEqualTo(body);
    }

    @Test
    @DisplayName("§1 REST lives under /api/v2 and speaks JSON in UTF-8")
    void rest_speaks_utf8_json(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String body = "héllo wörld ✓ 日本語 👋 " + Scene.shortId();
        RestResponse posted = target.api().tryPostMessage(scene.a0, conversation, body, null);
        JsonNode message = ChatApi.expect(posted, 201, "message.json");
        assertThat(posted.header("Content-Type").orElse("")).as("Content-Type of " + posted.request())
                .startsWith("application/json");
        assertThat(message.path("body").asText()).as("body echoed by POST").isEqualTo(body);
        JsonNode listed = target.api().listMessages(scene.a1, conversation, 0, 10);
        assertThat(listed.path("items").get(0).path("body").asText()).as("body read back by GET").isEqualTo(body);
        PayloadSchemas.bundled().require("message-list.json", listed);
    }
}
