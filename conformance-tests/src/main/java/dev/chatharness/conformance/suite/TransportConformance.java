package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatApi;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.RawEngineSocket;
import dev.chatharness.conformance.harness.RawPolling;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.schema.PayloadSchemas;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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

    /** The contract's maxPayload: the largest Engine.IO packet a client may send, in bytes. */
    static final int MAX_PAYLOAD = 1_000_000;

    @Test
    @Clause(id = "1.1", check = POSITIVE)
    @DisplayName("§1.1 A client connects over WebSocket at the Socket.IO path, namespace /, and exchanges events")
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
    @Clause(id = "1.1", check = NEGATIVE)
    @DisplayName("§1.1 A handshake in another Engine.IO protocol revision (3, 5) is refused, over either transport")
    void other_protocol_revisions_are_refused(Target target) {
        for (String revision : new String[] {"3", "5"}) {
            if (!target.profile().unsupported().contains(Feature.POLLING)) {
                HttpResponse<String> polling = RawPolling.request(target.http(), "GET",
                        target.engineUri("EIO=" + revision + "&transport=polling"), null, target.profile().eventTimeout());
                assertThat(polling.statusCode()).as("polling handshake with EIO=" + revision + " answered "
                        + polling.statusCode() + " " + polling.body()).isBetween(400, 499);
            }
            RawEngineSocket socket;
            try {
                socket = target.rawOpen("EIO=" + revision + "&transport=websocket");
            } catch (AssertionError refused) {
                continue; // the upgrade itself was refused: that is a refusal
            }
            String first = socket.next(target.profile().eventTimeout());
            assertThat(first).as("first frame of a WebSocket handshake with EIO=" + revision
                    + " (an Engine.IO open packet means the revision was accepted)").satisfiesAnyOf(
                    frame -> assertThat(frame).isEqualTo(RawEngineSocket.CLOSED),
                    frame -> assertThat(frame).isNotNull().doesNotStartWith("0"));
        }
    }

    @Test
    @Clause(id = "1.2", check = POSITIVE)
    @DisplayName("§1.2 A client connects over HTTP long-polling and exchanges events")
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
    @Clause(id = "1.2", check = NEGATIVE)
    @DisplayName("§1.2 A polling request naming an unknown or closed session is refused (400), never served")
    void polling_an_unknown_or_closed_session_is_refused(Target target) {
        target.assumeSupported(Feature.POLLING);
        Duration timeout = target.profile().eventTimeout();
        String unknown = Scene.missingId();
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> answer = RawPolling.request(target.http(), method,
                    target.engineUri("EIO=4&transport=polling&sid=" + unknown), "GET".equals(method) ? null : "6", timeout);
            assertThat(answer.statusCode()).as(method + " with the unknown sid " + unknown + ": " + answer.body())
                    .isEqualTo(400);
        }
        RawPolling session = target.rawPolling();
        HttpResponse<String> close = session.post("1");
        assertThat(close.statusCode()).as("POST of the Engine.IO close packet: " + close.body()).isEqualTo(200);
        await("a GET on the session closed by its client to be refused").atMost(timeout)
                .pollInterval(Duration.ofMillis(50)).until(() -> session.get().statusCode() == 400);
    }

    @Test
    @Clause(id = "1.3", check = POSITIVE)
    @DisplayName("§1.3 A long-polling connection upgrades to WebSocket and keeps working")
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
    @Clause(id = "1.3", check = NEGATIVE)
    @DisplayName("§1.3 What is sent during the upgrade arrives once, and the upgraded session refuses polling")
    void upgrade_loses_nothing_and_retires_polling(Target target) {
        target.assumeSupported(Feature.POLLING);
        target.assumeSupported(Feature.UPGRADE);
        Scene scene = new Scene(target);
        Duration timeout = target.profile().eventTimeout();
        String conversation = scene.conversation(scene.a0, scene.a1);
        RawPolling polling = target.rawPolling();
        String ns = target.namespacePrefix();
        polling.post("40" + ns + Json.object("token", scene.a0.token()));
        await("the CONNECT answer over polling").atMost(timeout).ignoreExceptions().pollInterval(Duration.ofMillis(1))
                .until(() -> polling.get().body().contains("40" + ns + "{"));
        polling.post("42" + ns + "1" + Json.MAPPER.createArrayNode().add("join-conversation")
                .add(Json.object("conversationId", conversation)));
        await("the join's ack over polling").atMost(timeout).ignoreExceptions().pollInterval(Duration.ofMillis(1))
                .until(() -> polling.get().body().contains("43" + ns + "1["));
        ChatSocket sender = scene.joined(scene.a1, conversation);
        RawEngineSocket websocket = target.rawOpen("EIO=4&transport=websocket&sid=" + polling.sid());
        websocket.send("2probe");
        assertThat(websocket.until("3probe"::equals, timeout)).as("answer to the upgrade probe").isEqualTo("3probe");
        // Queued for the session while it is between transports: the client has paused polling, as real clients do.
        String during = Scene.marker("during-upgrade");
        Scene.send(sender, conversation, during);
        websocket.send("5");
        String after = Scene.marker("after-upgrade");
        Scene.send(sender, conversation, after);
        assertThat(websocket.until(frame -> frame.contains(after), timeout)).as("the message sent after the upgrade")
                .isNotNull().isNotEqualTo(RawEngineSocket.CLOSED);
        long copies = websocket.seen().stream().filter(frame -> frame.contains(during)).count();
        assertThat(copies).as("copies of the message sent during the upgrade that arrived over WebSocket").isEqualTo(1);
        HttpResponse<String> late = polling.get();
        assertThat(late.statusCode()).as("a polling GET on the session after its upgrade: " + late.body()).isEqualTo(400);
    }

    @Test
    @Clause(id = "1.4", check = POSITIVE)
    @Clause(id = "1.4", check = NEGATIVE)
    @DisplayName("§1.4 A packet above maxPayload (1,000,000 bytes) closes that connection and nothing else")
    void oversized_packet_closes_only_its_connection(Target target) {
        target.assumeSupported(Feature.MAX_PAYLOAD);
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        ChatSocket bystander = scene.joined(scene.a0, conversation);
        RawEngineSocket oversized = target.rawConnect(scene.a0);
        String frame = "42" + Json.MAPPER.createArrayNode().add("message")
                .add(Json.object("conversationId", conversation, "body", "x".repeat(1_000_100)));
        assertThat(oversized.send(frame)).as("the client sent the oversized frame").isTrue();
        oversized.awaitClosed(target.profile().eventTimeout());
        String body = Scene.marker("still-alive");
        JsonNode stored = Scene.send(bystander, conversation, body);
        assertThat(stored.path("body").asText()).as("the other connection of the same user still works").isEqualTo(body);
    }

    @Test
    @Clause(id = "1.4", check = BOUNDARY)
    @DisplayName("§1.4 A packet of exactly 1,000,000 bytes is read and answered; one of 1,000,001 bytes closes the connection")
    void max_payload_holds_to_the_byte(Target target) {
        target.assumeSupported(Feature.MAX_PAYLOAD);
        Scene scene = new Scene(target);
        Duration timeout = target.profile().eventTimeout().multipliedBy(2);
        String conversation = scene.conversation(scene.a0);
        RawEngineSocket exact = target.rawConnect(scene.a0);
        assertThat(exact.send(messageFrameOf(target, conversation, MAX_PAYLOAD))).as("sent a 1,000,000-byte packet").isTrue();
        String ack = exact.until(frame -> frame.startsWith("43" + target.namespacePrefix() + "7["), timeout);
        assertThat(ack).as("the ack of a packet of exactly maxPayload bytes (it is within the limit, so it must be read"
                + " and answered; its 999,9xx-character body then breaks the body limit)").isNotNull()
                .isNotEqualTo(RawEngineSocket.CLOSED);
        RawEngineSocket over = target.rawConnect(scene.a0);
        // Whether the write completes is not the point: a target may close as soon as the frame header announces
        // too many bytes, before the client has written them all. What follows must be the close either way.
        over.send(messageFrameOf(target, conversation, MAX_PAYLOAD + 1));
        String after = over.until(frame -> frame.startsWith("43" + target.namespacePrefix() + "7["), timeout);
        assertThat(after).as("what followed a packet one byte over maxPayload (the connection must be closed)")
                .isEqualTo(RawEngineSocket.CLOSED);
    }

    /** An Engine.IO message packet ({@code 4}) carrying a {@code message} event with ack id 7, exactly {@code bytes} long. */
    private static String messageFrameOf(Target target, String conversation, int bytes) {
        String head = "42" + target.namespacePrefix() + "7[\"message\",{\"conversationId\":\"" + conversation + "\",\"body\":\"";
        String tail = "\"}]";
        String frame = head + "y".repeat(bytes - head.length() - tail.length()) + tail;
        assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as("frame size").hasSize(bytes);
        return frame;
    }

    @Test
    @Clause(id = "1.5", check = POSITIVE)
    @DisplayName("§1.5 REST lives under /api/v2 and speaks JSON in UTF-8")
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

    @Test
    @Clause(id = "1.5", check = NEGATIVE)
    @DisplayName("§1.5 A body that is not JSON, or not a JSON object, is a client error (400 invalid_payload), never a 5xx")
    void a_body_that_is_not_json_is_a_client_error(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        Map<String, String> bodies = Map.of("not JSON", "{\"body\": \"unterminated", "a JSON array", "[\"body\"]",
                "a JSON string", "\"body\"");
        for (Map.Entry<String, String> bad : bodies.entrySet()) {
            for (String path : new String[] {"/api/v2/conversations", "/api/v2/conversations/" + conversation + "/messages"}) {
                RestResponse answer = target.rest().sendRaw("POST", path, scene.a0.token(), bad.getValue(),
                        "application/json");
                assertThat(answer.status()).as(answer.describe() + " with " + bad.getKey() + " as its body").isEqualTo(400);
                assertThat(answer.errorCode()).as(answer.describe()).isEqualTo("invalid_payload");
            }
        }
        assertThat(target.api().listMessages(scene.a0, conversation, 0, 100).path("items"))
                .as("messages stored by the refused bodies").isEmpty();
    }

    @Test
    @Clause(id = "1.6", check = POSITIVE)
    @DisplayName("§1.6 GET /health answers 200 {\"status\":\"ok\"} without authentication")
    void health_answers_ok_without_authentication(Target target) {
        RestResponse health = target.rest().get("/health", null);
        ChatApi.expect(health, 200, "health.json");
    }

    @Test
    @Clause(id = "1.6", check = NEGATIVE)
    @DisplayName("§1.6 /health is the only open door: every /api/v2 path without a token answers 401")
    void only_health_is_open(Target target) {
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0, scene.a1);
        String messageId = target.api().postMessage(scene.a0, conversation, "guarded").path("id").asText();
        String[][] calls = {
                {"GET", "/api/v2/conversations"}, {"POST", "/api/v2/conversations"},
                {"GET", "/api/v2/conversations/" + conversation}, {"PATCH", "/api/v2/conversations/" + conversation},
                {"POST", "/api/v2/conversations/" + conversation + "/participants"},
                {"DELETE", "/api/v2/conversations/" + conversation + "/participants/" + scene.a1.userId()},
                {"GET", "/api/v2/conversations/" + conversation + "/messages"},
                {"POST", "/api/v2/conversations/" + conversation + "/messages"},
                {"PATCH", "/api/v2/conversations/" + conversation + "/messages/" + messageId},
                {"DELETE", "/api/v2/conversations/" + conversation + "/messages/" + messageId},
                {"POST", "/api/v2/conversations/" + conversation + "/messages/" + messageId + "/read"}};
        for (String[] call : calls) {
            RestResponse answer = target.rest().sendRaw(call[0], call[1], null, "GET".equals(call[0])
                    || "DELETE".equals(call[0]) ? null : "{\"title\":\"x\",\"body\":\"x\",\"userId\":\"x\",\"participantIds\":[]}",
                    "application/json");
            assertThat(answer.status()).as(answer.describe() + " without a token").isEqualTo(401);
        }
        assertThat(target.api().listMessages(scene.a0, conversation, 0, 100).path("items")).as("messages after the"
                + " unauthenticated calls").hasSize(1);
    }
}
