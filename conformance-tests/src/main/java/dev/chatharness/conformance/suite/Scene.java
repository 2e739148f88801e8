package dev.chatharness.conformance.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.Tenants;
import dev.chatharness.conformance.harness.User;
import java.util.UUID;

/**
 * The cast of a test: tenant A's users a0, a1, a2 and tenant B's b0, b1, b2 (with minted tokens,
 * b0 has the same {@code sub} as a0, and so on), plus the few steps almost every test takes.
 */
final class Scene {

    final Target target;
    private final Tenants tenants;
    final User a0;
    final User a1;
    final User a2;
    final User b0;
    final User b1;
    final User b2;

    Scene(Target target) {
        this.target = target;
        this.tenants = target.tenants();
        this.a0 = tenants.a().user(0);
        this.a1 = tenants.a().user(1);
        this.a2 = tenants.a().user(2);
        this.b0 = tenants.b().user(0);
        this.b1 = tenants.b().user(1);
        this.b2 = tenants.b().user(2);
    }

    /**
     * A fourth user of tenant A, who takes part in nothing: the fourth pre-issued token of tenant A, or a minted one;
     * skips the test when there is neither.
     */
    User outsider() {
        if (tenants.a().users().size() > 3) {
            return tenants.a().user(3);
        }
        var minter = target.minter("a fourth user of tenant A, who takes part in nothing");
        String sub = "dave-" + shortId();
        return new User(a0.tenantId(), sub, minter.token(a0.tenantId(), sub));
    }

    /** A new conversation of {@code creator} with {@code others}; returns its id. */
    String conversation(User creator, User... others) {
        return target.api().createConversation(creator, "conformance " + shortId(), others).path("id").asText();
    }

    /** Connects {@code user} and joins the conversation (ack must be ok). */
    ChatSocket joined(User user, String conversationId) {
        ChatSocket socket = target.connect(user);
        join(socket, conversationId);
        return socket;
    }

    /** Connects over WebSocket only and joins. */
    static ChatSocket joinedOverWebsocket(Target target, User user, String conversationId) {
        ChatSocket socket = target.connect(dev.chatharness.conformance.harness.ConnectOptions.as(user).transports("websocket"));
        join(socket, conversationId);
        return socket;
    }

    static JsonNode join(ChatSocket socket, String conversationId) {
        return socket.ok("join-conversation", Json.object("conversationId", conversationId));
    }

    /** Sends a message over the socket with an ack; returns the stored Message. */
    static JsonNode send(ChatSocket socket, String conversationId, String body) {
        return socket.ok("message", Json.object("conversationId", conversationId, "body", body));
    }

    /** Waits on {@code socket} for the message whose body is {@code body}. */
    static JsonNode awaitMessage(ChatSocket socket, String body) {
        return socket.await("message", m -> body.equals(m.path("body").asText()), "message '" + body + "'");
    }

    /**
     * Shows which user {@code socket} acts as: it joins {@code ownConversation} (one only {@code user} takes part in)
     * and sends a message, whose ack must name {@code user} as the sender.
     */
    static void expectActsAs(ChatSocket socket, User user, String ownConversation) {
        join(socket, ownConversation);
        JsonNode sent = send(socket, ownConversation, marker("who-am-i"));
        org.assertj.core.api.Assertions.assertThat(sent.path("senderId").asText())
                .as("senderId of a message sent over " + socket + " (the token's sub)").isEqualTo(user.userId());
    }

    /** A unique text, so that a test recognises its own events among everything else. */
    static String marker(String what) {
        return what + "-" + shortId();
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** An id that cannot exist on the target. */
    static String missingId() {
        return "missing-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
